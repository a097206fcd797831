package org.onset.batch.internal;

import java.io.PrintStream;
import java.util.List;

import org.onset.batch.BatchCommand;
import org.onset.system.SystemInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code onset version}: versions of Onset and Java, and the Onset bundles with their states. */
@Component(service = BatchCommand.class)
public final class VersionCommand implements BatchCommand {

    private final SystemInfo system;

    @Activate
    public VersionCommand(@Reference SystemInfo system) {
        this.system = system;
    }

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the Onset and Java versions and the Onset bundles";
    }

    @Override
    public String usage() {
        return "usage: onset version [--all]\n  --all  list every installed bundle, not only Onset's";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        boolean all = false;
        for (String a : args) {
            if (a.equals("--all")) {
                all = true;
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        out.println("Onset " + system.onsetVersion());
        out.println("Java  " + system.javaDescription());
        out.println("OS    " + system.machineDescription());
        out.println(all ? "Bundles:" : "Onset bundles:");
        for (SystemInfo.BundleSummary b : system.bundles()) {
            if (all || b.isOnset()) {
                out.println(String.format("  %-40s %-28s %s", b.symbolicName(), b.version(), b.state()));
            }
        }
        List<SystemInfo.DriverSummary> drivers = system.drivers();
        out.println("Instrument drivers: " + (drivers.isEmpty() ? "none registered" : drivers.size()));
        for (SystemInfo.DriverSummary d : drivers) {
            out.println(String.format("  %-16s %s (%s %s%s) — %s", d.instrumentId(), d.name(), d.vendor(), d.model(),
                    d.simulated() ? ", simulated" : "", d.status()));
        }
        return 0;
    }
}
