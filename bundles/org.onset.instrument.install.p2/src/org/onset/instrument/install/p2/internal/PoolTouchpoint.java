package org.onset.instrument.install.p2.internal;

import org.eclipse.equinox.p2.engine.spi.Touchpoint;

/**
 * The p2 engine's touchpoint for plain OSGi bundle units ({@code org.eclipse.equinox.p2.osgi}) in
 * Onset. Its only action is {@link CollectIntoPool}: Onset does not let p2 write the framework's
 * configuration (the product's simple configurator would undo it); the {@code DriverInstaller}
 * installs the collected bundle files after the engine has committed. Registered in plugin.xml,
 * which is how the engine finds touchpoints.
 */
public final class PoolTouchpoint extends Touchpoint {

    static final String COLLECT_ACTION = "org.onset.instrument.install.p2.collect";

    @Override
    public String qualifyAction(String actionId) {
        // the engine asks for the unqualified phase action ("collect"); other phases have none here
        return "collect".equals(actionId) ? COLLECT_ACTION : actionId;
    }
}
