/**
 * HTTPS: the server's certificate and key, read from PEM files or a PKCS#12 keystore and read again
 * when they are replaced on disk. Not exported by the module.
 */
package io.apiroutes.tls;
