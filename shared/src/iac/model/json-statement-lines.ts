import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';

/**
 * The 1-based line, within a JSON policy text, where each statement starts; undefined when the text is not
 * JSON with a Statement list. Lets findings inside a heredoc point at the statement's own line.
 */
export function jsonStatementLines(text: string): number[] | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const statement = doc.contents.get('Statement', true);
  const items = isSeq(statement) ? statement.items : statement ? [statement] : [];
  const lines: number[] = [];
  for (const item of items) {
    const offset = (item as { range?: [number, number, number] } | null)?.range?.[0];
    if (offset === undefined) return undefined;
    lines.push(lineCounter.linePos(offset).line);
  }
  return lines;
}
