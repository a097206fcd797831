package org.onset.storage.hdf5.internal;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LoggerFactory;

/**
 * Logs, through the OSGi Log Service, that a map file left by an unclean close was repaired on
 * resume. The writer is opened through a static factory, so the log service is looked up here;
 * outside a framework (the crash tests run the writer in a plain JVM) nothing is logged. The
 * instrument id comes from the recipe stored in the file.
 */
final class RepairLog {

    private static final Pattern INSTRUMENT = Pattern.compile("\"instrument_id\"\\s*:\\s*\"([^\"]*)\"");

    private RepairLog() {
    }

    static void repaired(Path file, MapFileState state, long eoaBefore, long eoaAfter) {
        try {
            log(file, state, eoaBefore, eoaAfter);
        } catch (LinkageError e) {
            // no OSGi classes on the class path: not in a framework, no log service
        }
    }

    /** A half-created map file of a killed run was deleted before creating that map again. */
    static void removedLeftover(Path leftover) {
        info("deleted {}: a map file whose creation was interrupted (it never held a pixel)", leftover);
    }

    /**
     * A writer was killed after HDF5 stored a grown end of allocation and before it lengthened the
     * file; the never-written tail was given back to the file before resuming.
     */
    static void restoredTail(Path file, long lengthFound, long storedLength) {
        info("map file {} was {} bytes, shorter than the {} its superblock records: its writer was killed while"
                + " HDF5 grew it; the unwritten tail was restored", file, lengthFound, storedLength);
    }

    private static void info(String format, Object... arguments) {
        try {
            Bundle bundle = FrameworkUtil.getBundle(RepairLog.class);
            BundleContext context = bundle == null ? null : bundle.getBundleContext();
            ServiceReference<LoggerFactory> ref = context == null ? null
                    : context.getServiceReference(LoggerFactory.class);
            LoggerFactory factory = ref == null ? null : context.getService(ref);
            if (factory == null) {
                return;
            }
            try {
                factory.getLogger(Hdf5MapFileWriter.class).info(format, arguments);
            } finally {
                context.ungetService(ref);
            }
        } catch (LinkageError e) {
            // not in a framework
        }
    }

    private static void log(Path file, MapFileState state, long eoaBefore, long eoaAfter) {
        Bundle bundle = FrameworkUtil.getBundle(RepairLog.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        ServiceReference<LoggerFactory> ref = context == null ? null : context.getServiceReference(LoggerFactory.class);
        LoggerFactory factory = ref == null ? null : context.getService(ref);
        if (factory == null) {
            return;
        }
        try {
            Matcher m = INSTRUMENT.matcher(state.attributes.getOrDefault("recipe", ""));
            factory.getLogger(Hdf5MapFileWriter.class).warn(
                    "instrument '{}': resumed map file {} was not closed cleanly ({} of {} pixels stored); "
                            + "repaired: end of allocation moved from {} to {} bytes",
                    m.find() ? m.group(1) : "?", file, state.written.cardinality(), state.layout.pixelCount(),
                    eoaBefore, eoaAfter);
        } finally {
            context.ungetService(ref);
        }
    }
}
