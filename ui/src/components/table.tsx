import type { ComponentChildren } from "preact";
import { type Cell, download, toCsv } from "../csv";

export interface Column<R> {
  header: string;
  cell: (row: R) => ComponentChildren;
  csv: (row: R) => Cell;
}

/** A table of rows with a caption and a CSV download of what it shows. */
export function Table<R>({ caption, columns, rows, filename, rowClass }: {
  caption: string; columns: Column<R>[]; rows: R[]; filename: string; rowClass?: (row: R) => string;
}) {
  const save = () => download(filename, toCsv(columns.map((c) => c.header), rows.map((r) => columns.map((c) => c.csv(r)))));
  return (
    <div class="table">
      <div class="table-tools no-print">
        <button type="button" onClick={save}>Download CSV ({rows.length} rows)</button>
      </div>
      <div class="scroll">
        <table>
          <caption>{caption}</caption>
          <thead><tr>{columns.map((c) => <th scope="col">{c.header}</th>)}</tr></thead>
          <tbody>
            {rows.map((row) => <tr class={rowClass?.(row)}>{columns.map((c) => <td>{c.cell(row)}</td>)}</tr>)}
          </tbody>
        </table>
      </div>
    </div>
  );
}
