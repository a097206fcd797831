package org.onset.io.registry.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.onset.io.api.ContentProbe;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.Importer;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Match;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The importer registry: importers come and go with their bundles (dynamic, multiple reference).
 * Content beats extension because real files are often misnamed ({@code .SPC} vs {@code .spc} is
 * harmless, but WinEPR and Galactic both use {@code .spc}).
 */
@Component(service = ImporterRegistry.class)
public final class ImporterRegistryComponent implements ImporterRegistry {

    private final List<Importer> importers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addImporter(Importer importer) {
        importers.add(importer);
    }

    void removeImporter(Importer importer) {
        importers.remove(importer);
    }

    @Override
    public List<Importer> importers() {
        List<Importer> sorted = new ArrayList<>(importers);
        sorted.sort(Comparator.comparing(Importer::id));
        return sorted;
    }

    @Override
    public Selection select(Path file) throws ImportException {
        ContentProbe probe = probe(file);
        Selection best = null;
        for (Importer importer : importers()) {
            Match m;
            try {
                m = importer.match(probe);
            } catch (RuntimeException e) {
                continue; // a matcher that trips over odd bytes does not match
            }
            if (!m.matches()) {
                continue;
            }
            if (best == null || m.strength() > best.match().strength()
                    || m.strength() == best.match().strength() && ownsExtension(importer, probe)
                            && !ownsExtension(best.importer(), probe)) {
                best = new Selection(importer, m);
            }
        }
        if (best == null) {
            throw new ImportException(file.getFileName() + ": no importer recognises this file (" + probe.size()
                    + " B); known formats: " + importers().stream().map(Importer::formatName)
                            .collect(Collectors.joining(", ")));
        }
        return best;
    }

    @Override
    public Imported open(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        Selection selection = select(file);
        Importer importer = selection.importer();
        try {
            return importer.read(file, settings, monitor).withMatch(selection.match().reason());
        } catch (ImportException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new ImportException(file.getFileName() + ": " + importer.formatName()
                    + " needs more memory than is available for this file", e);
        } catch (RuntimeException | StackOverflowError e) {
            // the importer missed a check: still a clear error naming file and importer, not a crash
            throw new ImportException(file.getFileName() + ": " + importer.formatName() + " cannot read it ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); the file is damaged or a variant not supported", e);
        }
    }

    private static boolean ownsExtension(Importer importer, ContentProbe probe) {
        return importer.extensions().contains(probe.extension());
    }

    private static ContentProbe probe(Path file) throws ImportException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ImportException(file + ": no such file");
            }
            long size = Files.size(file);
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(ContentProbe.HEAD_BYTES);
            }
            return new ContentProbe(file, size, head);
        } catch (ImportException e) {
            throw e;
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
