package org.onset.system.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.system.SystemInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Reads the running framework; the instruments come from the registry, which follows drivers as they come and go. */
@Component(service = SystemInfo.class)
public final class SystemInfoComponent implements SystemInfo {

    private final BundleContext context;
    private final InstrumentRegistry instruments;

    @Activate
    public SystemInfoComponent(BundleContext context, @Reference InstrumentRegistry instruments) {
        this.context = context;
        this.instruments = instruments;
    }

    @Override
    public String onsetVersion() {
        Version v = context.getBundle().getVersion();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro()
                + (v.getQualifier().isEmpty() ? "" : " (build " + v.getQualifier() + ")");
    }

    @Override
    public String javaDescription() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")";
    }

    @Override
    public String machineDescription() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long maxHeapMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return os.getName() + " " + os.getVersion() + " " + os.getArch() + ", " + os.getAvailableProcessors()
                + " cores, " + maxHeapMiB + " MiB max heap";
    }

    @Override
    public List<BundleSummary> bundles() {
        List<BundleSummary> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            out.add(new BundleSummary(b.getBundleId(), b.getSymbolicName() == null ? "(none)" : b.getSymbolicName(),
                    b.getVersion().toString(), stateName(b.getState())));
        }
        out.sort(Comparator.comparing(BundleSummary::symbolicName));
        return out;
    }

    @Override
    public List<DriverSummary> drivers() {
        List<DriverSummary> out = new ArrayList<>();
        for (Instrument instrument : instruments.instruments()) {
            InstrumentInfo i = instrument.info();
            var st = instrument.status();
            out.add(new DriverSummary(instrument.id(), i.name(), i.vendor(), i.model(), instrument.simulated(),
                    instrument.bundle(), st.state() + (st.reason().isEmpty() ? "" : ": " + st.reason())));
        }
        out.sort(Comparator.comparing(DriverSummary::instrumentId));
        return out;
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
