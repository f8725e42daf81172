/**
 * The annotation processor that checks the handlers in any build and lists them in
 * {@code META-INF/services/io.apiroutes.ApiHandler}. Run by javac; in the library jar only.
 * Not exported by the module.
 */
package io.apiroutes.processor;
