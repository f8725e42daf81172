/**
 * What only the JDK's own engine needs: the JVM-wide properties it reads, the executor that reads
 * its request heads (virtual threads, or a growing pool before Java 24), and the checks of what its
 * parser lets through. Not exported by the module.
 */
package io.apiroutes.jdk;
