package org.onset.batch.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.onset.batch.BatchCommand;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Equinox application behind {@code onset <command>}: finds the {@link BatchCommand} service of that
 * name and runs it. Commands are DS components, so they appear shortly after start-up; we wait
 * for them briefly instead of failing on a race.
 */
public final class BatchApplication implements IApplication {

    /** SCR registers commands while the framework starts; this only covers a slow machine. */
    private static final long COMMAND_WAIT_MS = 3_000;

    @Override
    public Object start(IApplicationContext appContext) throws Exception {
        appContext.applicationRunning();
        String[] raw = (String[]) appContext.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        List<String> args = new ArrayList<>(Arrays.asList(raw == null ? new String[0] : raw));
        BundleContext ctx = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<BatchCommand, BatchCommand> tracker = new ServiceTracker<>(ctx, BatchCommand.class, null);
        tracker.open();
        try {
            return dispatch(args, tracker);
        } finally {
            tracker.close();
            System.out.flush();
            System.err.flush();
        }
    }

    private static int dispatch(List<String> args, ServiceTracker<BatchCommand, BatchCommand> tracker)
            throws Exception {
        if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0))) {
            waitForAny(tracker);
            printUsage(tracker, args.isEmpty() ? System.err : System.out);
            return args.isEmpty() ? BatchCommand.USAGE : 0;
        }
        String name = args.get(0);
        long deadline = System.currentTimeMillis() + COMMAND_WAIT_MS;
        BatchCommand command;
        while ((command = find(tracker, name)) == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (command == null) {
            System.err.println("onset: unknown command '" + name + "'");
            printUsage(tracker, System.err);
            return BatchCommand.USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("-h") || rest.contains("--help")) {
            System.out.println(command.usage());
            return 0;
        }
        try {
            return command.run(rest, System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("onset " + name + ": " + e.getMessage());
            System.err.println(command.usage());
            return BatchCommand.USAGE;
        } catch (Exception e) {
            System.err.println("onset " + name + ": failed: " + e);
            e.printStackTrace(System.err);
            return BatchCommand.FAILURE;
        }
    }

    private static void waitForAny(ServiceTracker<BatchCommand, BatchCommand> tracker) throws InterruptedException {
        tracker.waitForService(COMMAND_WAIT_MS);
        Thread.sleep(200); // let the other command components register too
    }

    private static BatchCommand find(ServiceTracker<BatchCommand, BatchCommand> tracker, String name) {
        Map<?, BatchCommand> tracked = tracker.getTracked();
        return tracked.values().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static void printUsage(ServiceTracker<BatchCommand, BatchCommand> tracker, java.io.PrintStream to) {
        to.println("usage: onset <command> [arguments]   (onset <command> --help for details)");
        to.println("commands:");
        to.println(String.format("  %-10s %s", "workbench", "start the graphical workbench"));
        to.println(String.format("  %-10s %s", "test", "build and run the full test suite"));
        tracker.getTracked().values().stream().sorted(Comparator.comparing(BatchCommand::name))
                .forEach(c -> to.println(String.format("  %-10s %s", c.name(), c.summary())));
    }

    @Override
    public void stop() {
        // commands are short-lived or watch for interruption themselves
    }
}
