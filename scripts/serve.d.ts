export interface StaticServer {
  url: string;
  port: number;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

export function serveStatic(root: string, options?: { port?: number; host?: string; log?: boolean }): Promise<StaticServer>;
