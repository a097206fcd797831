package org.onset.batch.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
            throws InterruptedException {
        return CommandLine.run(args, new CommandLine.Commands() {
            @Override
            public BatchCommand find(String name) throws InterruptedException {
                long deadline = System.currentTimeMillis() + COMMAND_WAIT_MS;
                BatchCommand command;
                while ((command = BatchApplication.find(tracker, name)) == null
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                return command;
            }

            @Override
            public Collection<BatchCommand> all() throws InterruptedException {
                tracker.waitForService(COMMAND_WAIT_MS);
                Thread.sleep(200); // let the other command components register too
                return tracker.getTracked().values();
            }
        }, System.out, System.err);
    }

    private static BatchCommand find(ServiceTracker<BatchCommand, BatchCommand> tracker, String name) {
        Map<?, BatchCommand> tracked = tracker.getTracked();
        return tracked.values().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public void stop() {
        // commands are short-lived or watch for interruption themselves
    }
}
