import { describe, expect, test } from 'vitest';
import { rowsFromBatches, type SourceRow } from '../src/workbook/source.js';

const rows = (...numbers: number[]): SourceRow[] => numbers.map((row) => ({ row, cells: [row] }));

describe('rowsFromBatches', () => {
  test('hands over every row of every batch in order, empty batches included', async () => {
    async function* batches() {
      yield rows(1, 2);
      yield [];
      yield rows(3);
      yield [];
    }
    const seen: number[] = [];
    for await (const r of rowsFromBatches(batches())) seen.push(r.row);
    expect(seen).toEqual([1, 2, 3]);
  });

  test("a reader's error reaches the loop after the rows before it", async () => {
    async function* batches(): AsyncGenerator<SourceRow[]> {
      yield rows(1);
      throw new Error('damaged part');
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const r of rowsFromBatches(batches())) seen.push(r.row);
      })(),
    ).rejects.toThrow('damaged part');
    expect(seen).toEqual([1]);
  });

  test('leaving the loop early closes the batches (the reader frees its file)', async () => {
    let closed = false;
    async function* batches() {
      try {
        yield rows(1, 2, 3);
        yield rows(4);
      } finally {
        closed = true;
      }
    }
    for await (const r of rowsFromBatches(batches())) if (r.row === 2) break;
    expect(closed).toBe(true);
  });
});
