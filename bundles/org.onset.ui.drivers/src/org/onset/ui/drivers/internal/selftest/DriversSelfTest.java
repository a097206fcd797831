package org.onset.ui.drivers.internal.selftest;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.onset.ui.drivers.internal.ManageDriversHandler;
import org.onset.ui.drivers.internal.ManageDriversDialog;
import org.onset.ui.selftest.SelfTestRobot;

import jakarta.inject.Inject;

/**
 * Self-test of Instruments › Manage Drivers… in the real workbench: the dialog opens on the running
 * installer; a bad bundle ({@code DIR.bad}) is refused with its reason and the table is unchanged; a
 * driver ({@code DIR.good}, a jar or a p2 repository zip) is installed and listed; it is removed and
 * the table is as at the start. Writes {@code DIR/report.txt} ("ok …" / "FAIL …") and screenshots of
 * the dialog, then closes the workbench. Added to the model only by {@link DriversSelfTestProcessor}.
 */
public class DriversSelfTest {

    static final String PROPERTY = "onset.ui.drivers.selftest";

    private MApplication app;
    private SelfTestRobot robot;

    @Inject
    @Optional
    public void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object event,
            MApplication app, IWorkbench workbench, Display display) {
        this.app = app;
        this.robot = new SelfTestRobot(display, Path.of(System.getProperty(PROPERTY)), "drivers");
        robot.start(workbench, r -> run());
    }

    private void run() throws Exception {
        ManageDriversDialog dialog = robot.ui(() -> {
            Shell main = (Shell) app.getChildren().get(0).getWidget();
            ManageDriversDialog d = ManageDriversHandler.create(main);
            d.setBlockOnOpen(false);
            d.open();
            d.getShell().setSize(1000, 480);
            return d;
        });
        List<List<String>> start = robot.ui(dialog::rows);
        robot.check("open", !start.isEmpty(), start.size() + " driver bundles listed: "
                + start.stream().map(r -> r.get(0)).toList());
        robot.screenshotOfScreen(dialog.getShell(), "manage-drivers");

        Path bad = Path.of(System.getProperty(PROPERTY + ".bad"));
        String refused = robot.ui(() -> dialog.install(bad)).get(60, TimeUnit.SECONDS);
        List<List<String>> afterBad = robot.ui(dialog::rows);
        robot.check("refused-bad", refused.startsWith("Refused") && afterBad.equals(start), refused.replace('\n', ' '));
        robot.screenshotOfScreen(dialog.getShell(), "refused");

        Path good = Path.of(System.getProperty(PROPERTY + ".good"));
        String installed = robot.ui(() -> dialog.install(good)).get(60, TimeUnit.SECONDS);
        List<List<String>> afterGood = robot.ui(dialog::rows);
        String bsn = System.getProperty(PROPERTY + ".bsn", "org.example.acme.driver");
        boolean listed = afterGood.stream().anyMatch(r -> r.get(0).equals(bsn) && r.get(3).equals("installed")
                && (r.get(2).equals("ACTIVE") || r.get(2).equals("STARTING")));
        robot.check("installed", installed.startsWith("Installed") && listed && afterGood.size() == start.size() + 1,
                installed.replace('\n', ' '));
        robot.ui(() -> {
            dialog.select(bsn);
            return null;
        });
        robot.screenshotOfScreen(dialog.getShell(), "installed");

        String removed = robot.ui(() -> dialog.remove(bsn)).get(60, TimeUnit.SECONDS);
        List<List<String>> afterRemove = robot.ui(dialog::rows);
        robot.check("removed", removed.startsWith("Removed") && afterRemove.equals(start), removed);
        robot.screenshotOfScreen(dialog.getShell(), "removed");
        robot.ui(dialog::close); // on the UI thread, like every widget call
    }
}
