/**
 * Dev mode ({@code java -jar api.jar dev}): the sources under {@code api/} compiled in memory with
 * the JDK's compiler and compiled again on each save, each compilation in a class loader of its
 * own. In the library jar only, never in {@code api.jar}. Not exported by the module.
 */
package io.apiroutes.dev;
