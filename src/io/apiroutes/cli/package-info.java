/**
 * The command line: {@code java -jar api.jar [dev] [options]}, its options and environment, and the
 * start-up and exit behaviour of the process. Not exported by the module.
 */
package io.apiroutes.cli;
