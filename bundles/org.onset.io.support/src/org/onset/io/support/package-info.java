/**
 * Parsing helpers the importer bundles share: a bounds-checked {@link org.onset.io.support.Bytes}
 * reader whose every failure is an {@link org.onset.io.api.ImportException} naming the file and the
 * offset, size checks that refuse a header's claims before anything is allocated, and reading whole
 * files with a size limit. The package version is stated in the bundle's MANIFEST.MF.
 */
package org.onset.io.support;
