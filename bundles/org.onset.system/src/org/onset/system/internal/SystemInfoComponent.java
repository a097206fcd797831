package org.onset.system.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.system.SystemInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Reads the running framework; drivers are tracked dynamically so a swapped driver shows at once. */
@Component(service = SystemInfo.class)
public final class SystemInfoComponent implements SystemInfo {

    private final BundleContext context;
    private final Map<InstrumentDriver, Bundle> drivers = new ConcurrentHashMap<>();

    @Activate
    public SystemInfoComponent(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(InstrumentDriver driver, org.osgi.framework.ServiceReference<InstrumentDriver> ref) {
        drivers.put(driver, ref.getBundle());
    }

    void removeDriver(InstrumentDriver driver) {
        drivers.remove(driver);
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
        drivers.forEach((driver, bundle) -> {
            InstrumentInfo i = driver.info();
            var st = driver.status();
            out.add(new DriverSummary(i.id(), i.name(), i.vendor(), i.model(), i.simulated(),
                    bundle == null ? "?" : bundle.getSymbolicName(),
                    st.state() + (st.reason().isEmpty() ? "" : ": " + st.reason())));
        });
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
