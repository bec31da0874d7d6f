import { Table } from '@backstage/core-components';
import type { TableColumn } from '@backstage/core-components';
import { Box, TablePagination, Typography } from '@material-ui/core';
import type { Page } from '@pavedroad/guardrails-core/model';

/**
 * A table of one page of a server-side list (filters, sort and paging run in the backend): the rows, a count in
 * the title, an empty message, and pagination that asks for another offset or page size.
 */
export function PagedTable<T extends object>(props: {
  title: string;
  page: Page<T> | undefined;
  loading: boolean;
  columns: TableColumn<T>[];
  pageSizes: number[];
  defaultLimit: number;
  emptyText: string;
  onPageChange: (offset: number, limit: number) => void;
}) {
  const { page } = props;
  const limit = page?.limit ?? props.defaultLimit;
  return (
    <>
      <Table<T>
        title={page ? `${props.title} (${page.total})` : props.title}
        isLoading={props.loading}
        columns={props.columns}
        data={page ? [...page.items] : []}
        options={{ paging: false, search: false, padding: 'dense', sorting: false, draggable: false }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">{props.emptyText}</Typography>
          </Box>
        }
      />
      {page && page.total > 0 && (
        <TablePagination
          component="div"
          count={page.total}
          page={Math.floor(page.offset / limit)}
          rowsPerPage={limit}
          rowsPerPageOptions={props.pageSizes}
          onPageChange={(_event, next) => props.onPageChange(next * limit, limit)}
          onRowsPerPageChange={(event) => props.onPageChange(0, Number(event.target.value))}
        />
      )}
    </>
  );
}
