/**
 * The per-request exchange and its limits: the dispatcher (the one {@code HttpHandler} behind
 * {@code /api}), the exchange that owns one request from the moment an engine hands it over, the
 * body reader and parser, the response stream, the memory budgets, the watchdog of time limits,
 * the handler and stream slots, the heartbeats of event streams and the gate of a graceful stop.
 * It works through the JDK's {@code HttpExchange} only, whichever engine serves it. Not exported by
 * the module.
 */
package io.apiroutes.exchange;
