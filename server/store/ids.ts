/** Random, URL-safe ids for versions and assets (the same alphabet and strength as board ids). */
import { newBoardId } from '../../lib/protocol';

export const newVersionId = newBoardId;
export const newAssetId = newBoardId;
