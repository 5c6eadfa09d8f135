// Words for people, in both languages: the one message type, the one language
// type and the one error base of the project. Every layer imports these from
// here; each face (CLI, web page, task pane) turns an error into text in one
// place of its own, by `said[lang]`.

export type Lang = 'zh' | 'en';

/** One message in Chinese and English; a face shows the one its user reads. */
export interface Said {
  zh: string;
  en: string;
}

/** An error whose words for the user it carries (zh first); its `message` is the English, for logs and stacks. */
export class SaidError extends Error {
  constructor(
    readonly said: Said,
    options?: { cause?: unknown },
  ) {
    super(said.en, options);
    this.name = new.target.name;
  }
}

/** The words of an error that carries them; null for any other error. */
export function saidOf(e: unknown): Said | null {
  if (e instanceof SaidError) return e.said;
  return null;
}
