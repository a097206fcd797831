package org.onset.batch.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.onset.batch.BatchCommand;
import org.onset.io.api.Data;
import org.onset.io.api.DataExporter;
import org.onset.io.api.Image;
import org.onset.io.api.ImageExporter;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code onset import FILE -o OUT.csv|OUT.gsf}: converts any supported file, and Onset map files,
 * to CSV or (images and maps) to Gwyddion's .gsf.
 */
@Component(service = BatchCommand.class)
public final class ImportCommand implements BatchCommand {

    private static final byte[] HDF5_MAGIC = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n' };

    private final ImporterRegistry importers;
    private final MapReaderService maps;
    private final ImageExporter gsf;
    private final DataExporter hdf5;

    @Activate
    public ImportCommand(@Reference ImporterRegistry importers, @Reference MapReaderService maps,
            @Reference(target = "(" + ImageExporter.EXTENSION_PROPERTY + "=gsf)") ImageExporter gsf,
            @Reference(target = "(" + ImageExporter.EXTENSION_PROPERTY + "=h5)") DataExporter hdf5) {
        this.importers = importers;
        this.maps = maps;
        this.gsf = gsf;
        this.hdf5 = hdf5;
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "convert an EPR, Raman or SPM file (or a map file's channels) to CSV or .gsf: onset import FILE -o OUT.h5|OUT.csv|OUT.gsf";
    }

    @Override
    public String usage() {
        return """
                usage: onset import FILE -o OUT.h5|OUT.csv|OUT.gsf [--channel N] [--set KEY=VALUE ...]
                  Reads FILE with the importer that recognises its content (see onset inspect FILE) or, for an
                  Onset map file (.h5), its channels (0 onset bias V, 1 current at end A, 2 height change m, then
                  the topography images) and writes
                    OUT.h5   HDF5 in the USID layout of Onset's map files: /Measurement_000 with the metadata,
                             Channel_NNN/Raw_Data (positions × spectroscopic points) with its ancillaries
                             (imported files only; a map file already is HDF5)
                    OUT.csv  spectra as columns with units in the header, maps as one row per spectrum,
                             images as the matrix of one channel (top row first)
                    OUT.gsf  an image channel or a map channel as Gwyddion Simple Field (opens in Gwyddion)
                  --channel N   which image channel (default 0)
                  --set KEY=VALUE  an importer setting, e.g. mdt.content=curves; repeatable
                Exit status: 0 written, 1 unreadable input, 2 bad arguments or no such file.""";
    }

    public static boolean isHdf5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(8), HDF5_MAGIC);
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path file = null;
        Path output = null;
        int channel = 0;
        SettingArguments settings = new SettingArguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--set")) {
                settings.add(++i < args.size() ? args.get(i) : null);
            } else if (a.equals("-o") || a.equals("--output")) {
                if (++i >= args.size()) {
                    throw new IllegalArgumentException("-o needs a file name");
                }
                output = Path.of(args.get(i));
            } else if (a.equals("--channel")) {
                if (++i >= args.size()) {
                    throw new IllegalArgumentException("--channel needs a number");
                }
                try {
                    channel = Integer.parseInt(args.get(i));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--channel needs a whole number, got '" + args.get(i) + "'");
                }
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            } else if (file != null) {
                throw new IllegalArgumentException("one file at a time, got '" + file + "' and '" + a + "'");
            } else {
                file = Path.of(a);
            }
        }
        if (file == null || output == null) {
            throw new IllegalArgumentException("name the input file and -o OUTPUT");
        }
        String ext = output.getFileName().toString().toLowerCase(Locale.ROOT);
        ext = ext.contains(".") ? ext.substring(ext.lastIndexOf('.') + 1) : "";
        if (!ext.equals("csv") && !ext.equals("gsf") && !ext.equals("h5")) {
            throw new IllegalArgumentException("the output must end in .h5, .csv or .gsf, got '" + output.getFileName()
                    + "'");
        }
        if (!Files.isRegularFile(file)) {
            err.println("onset import: " + file + " does not exist");
            return USAGE;
        }
        Data data;
        Imported im = null;
        if (isHdf5(file)) {
            if (ext.equals("h5")) {
                throw new IllegalArgumentException(file.getFileName() + " is a map file, already HDF5: export it as "
                        + ".gsf or .csv");
            }
            try (MapFile map = maps.open(file)) {
                MapImages.Selected selected = MapImages.channel(map, channel);
                data = selected.image();
                channel = selected.channel();
            }
        } else {
            im = importers.open(file, settings.settings(), org.onset.io.api.ImportMonitor.NONE);
            err.println("onset import: read " + file.getFileName() + " as " + im.format() + " (" + im.matchedBy() + ")");
            data = im.data();
        }
        if (data instanceof Image image && (channel < 0 || channel >= image.channels().size())) {
            throw new IllegalArgumentException("--channel " + channel + ": the image has channels 0.."
                    + (image.channels().size() - 1));
        }
        if (ext.equals("h5")) {
            hdf5.write(im, output);
        } else if (ext.equals("gsf")) {
            if (!(data instanceof Image image)) {
                err.println("onset import: " + file.getFileName() + " holds " + data.kind()
                        + ", not an image: .gsf takes images and map channels; use .csv");
                return FAILURE;
            }
            gsf.write(image, channel, output);
        } else {
            CsvExport.write(data, channel, output);
        }
        out.println("wrote " + output + " (" + Files.size(output) + " B)");
        return 0;
    }
}
