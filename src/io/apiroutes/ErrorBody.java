package io.apiroutes;

/**
 * The JSON body of an error response: {@code {"error":"..."}}.
 *
 * @param error what was wrong, for the client
 */
record ErrorBody(String error) {}
