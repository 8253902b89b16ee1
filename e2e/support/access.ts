/**
 * Access in end-to-end specs: the test server has an instance admin, so checks that read the
 * board through the API (storedShapes) work on every board; boards made through the API are
 * invite boards and are opened with their edit link.
 */
/** The instance admin's token of every test server (end-to-end and integration). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface CreatedBoard {
  id: string;
  ownerToken: string;
  editLink: string;
  viewLink: string;
}

/** `POST /api/boards`, empty or from a Tabula file; open `editLink` to edit it. */
export async function createBoard(serverUrl: string, file?: unknown): Promise<CreatedBoard> {
  const response = await fetch(`${serverUrl}/api/boards`, {
    method: 'POST',
    ...(file === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(file) }),
  });
  if (response.status !== 201) throw new Error(`POST /api/boards answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as CreatedBoard;
}
