/** How a route answers: a status, a JSON body (or a string/bytes with a content type), headers. */
export type Respond = (status: number, body: unknown, headers?: Record<string, string>) => void;
