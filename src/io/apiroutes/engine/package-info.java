/**
 * apiroutes' own HTTP/1.1 engine behind the JDK's {@code com.sun.net.httpserver} API, chosen with
 * {@code ApiServer.builder().engine("apiroutes")}, {@code --engine apiroutes}, or for any
 * {@code HttpServer.create} with
 * {@code -Dcom.sun.net.httpserver.HttpServerProvider=io.apiroutes.engine.EngineProvider}.
 * {@link io.apiroutes.engine.EngineProvider} is its only public type; the engine itself is in
 * the module's unexported package {@code io.apiroutes.http1}.
 */
package io.apiroutes.engine;

