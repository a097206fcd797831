/**
 * The importer contract and the data model every importer returns. An {@link org.onset.io.api.Importer}
 * is a DS service that names its file extensions, says from a file's first bytes whether it can read
 * it ({@link org.onset.io.api.Match}) and reads it into {@link org.onset.io.api.Imported}: one of
 * {@link org.onset.io.api.Spectrum}, {@link org.onset.io.api.SpectrumSet},
 * {@link org.onset.io.api.SpectrumMap} or {@link org.onset.io.api.Image}, with typed
 * {@link org.onset.io.api.Metadata}. The {@link org.onset.io.api.ImporterRegistry} service picks the
 * importer by content (extension only breaks ties) and says which one matched. Every axis and value
 * carries its quantity and unit; positions and image sizes are in m. The package version is stated in
 * the bundle's MANIFEST.MF.
 */
package org.onset.io.api;
