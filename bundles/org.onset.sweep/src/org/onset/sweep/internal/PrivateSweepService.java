package org.onset.sweep.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.map.api.MapStoreFactory;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeProblem;
import org.onset.sweep.api.SweepException;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * A sweep service of a caller's own, made through the component factory {@value #FACTORY} and never
 * registered: the benchmarks measure the sweep loop with a map store and instruments of their
 * choosing (component properties {@code stores.target} and {@code drivers.target} select them)
 * without touching the registered {@link SweepService}. Posts no events.
 */
@Component(factory = PrivateSweepService.FACTORY, service = {})
public final class PrivateSweepService implements SweepService {

    /** The {@code component.factory} property of the factory. */
    public static final String FACTORY = "org.onset.sweep.private";

    private final SweepServiceImpl sweeps;

    @Activate
    public PrivateSweepService(@Reference(name = "stores") MapStoreFactory stores) {
        this.sweeps = new SweepServiceImpl(stores);
    }

    @Reference(name = "drivers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(InstrumentDriver driver, Map<String, Object> properties) {
        sweeps.addDriver(driver, properties);
    }

    void removeDriver(InstrumentDriver driver, Map<String, Object> properties) {
        sweeps.removeDriver(driver, properties);
    }

    @Deactivate
    void deactivate() {
        sweeps.deactivate();
    }

    @Override
    public List<RecipeProblem> validate(MapRecipe recipe) {
        return sweeps.validate(recipe);
    }

    @Override
    public SweepRun start(MapRecipe recipe, Path output, boolean resume, boolean acceptInstrumentChanges)
            throws SweepException {
        return sweeps.start(recipe, output, resume, acceptInstrumentChanges);
    }

    @Override
    public List<SweepRun> runs() {
        return sweeps.runs();
    }

    @Override
    public Set<String> instruments() {
        return sweeps.instruments();
    }
}
