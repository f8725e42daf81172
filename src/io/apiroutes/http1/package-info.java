/**
 * apiroutes' own HTTP/1.1 engine behind {@link io.apiroutes.engine.EngineProvider}: the server
 * with its selector and threads, one connection's buffers and request loop, the strict request
 * head and body framing, and the exchange that implements the JDK's {@code HttpExchange}. It
 * depends on nothing of apiroutes but its settings. Not exported by the module.
 */
package io.apiroutes.http1;
