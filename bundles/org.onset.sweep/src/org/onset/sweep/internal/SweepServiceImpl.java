package org.onset.sweep.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.map.api.AcquisitionSession;
import org.onset.map.api.MapAttributes;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.SessionInfo;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.sweep.api.InstrumentChangedException;
import org.onset.sweep.api.InvalidRecipeException;
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
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The sweep service: finds instrument drivers by {@code instrument.id} in the {@link InstrumentRegistry}, checks
 * recipes, opens map files and starts one {@link SweepRunImpl} thread per map. Several maps may run
 * at once on different instruments; one instrument runs one map at a time.
 */
@Component(service = SweepService.class)
public final class SweepServiceImpl implements SweepService {

    /** How long {@link #start} waits for an instrument that is being configured (e.g. at start-up). */
    static final long INSTRUMENT_WAIT_MS = 10_000;

    /** The recipe fields that define the measurement: a resumed file must agree on all of them. */
    static final List<String> RESUME_FIELDS = List.of("grid", "order", "order_seed", "ramp", "cutoff",
            "sample_rate_Hz");

    /** Finished runs remembered for {@link #runs()}. */
    static final int KEEP_FINISHED_RUNS = 16;

    private final InstrumentRegistry instruments;
    private final MapStoreFactory stores;
    private final List<SweepRunImpl> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private volatile EventAdmin eventAdmin;
    private volatile long instrumentWaitMs = INSTRUMENT_WAIT_MS;

    /** Null outside DS (tests and the benchmark construct the service themselves): nothing is logged. */
    private final Logger logger;

    @Activate
    public SweepServiceImpl(@Reference InstrumentRegistry instruments, @Reference MapStoreFactory stores,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.instruments = instruments;
        this.stores = stores;
        this.logger = logger;
    }

    /** Outside DS (tests and the benchmark construct the service themselves): nothing is logged. */
    SweepServiceImpl(MapStoreFactory stores) {
        this(new DirectInstruments(), stores, null);
    }

    private void warn(String message) {
        if (logger != null) {
            logger.warn(message);
        }
    }

    void addDriver(InstrumentDriver driver, Map<String, Object> properties) {
        direct().add(driver, properties);
    }

    void removeDriver(InstrumentDriver driver, Map<String, Object> properties) {
        direct().remove(driver);
    }

    private DirectInstruments direct() {
        if (instruments instanceof DirectInstruments d) {
            return d;
        }
        throw new IllegalStateException("drivers come from the instrument registry service here");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    void unsetEventAdmin(EventAdmin admin) {
        if (this.eventAdmin == admin) {
            this.eventAdmin = null;
        }
    }

    /** Stopping the service must leave no bias on any tip. */
    @Deactivate
    void deactivate() {
        for (SweepRunImpl run : runs) {
            run.abortAndWait(Duration.ofSeconds(5));
        }
    }

    void setInstrumentWait(Duration wait) {
        this.instrumentWaitMs = wait.toMillis();
    }

    @Override
    public List<RecipeProblem> validate(MapRecipe recipe) {
        List<RecipeProblem> problems = new ArrayList<>(RecipeValidator.check(recipe));
        instruments.instrument(recipe.instrumentId())
                .ifPresent(i -> problems.addAll(CapabilityCheck.check(recipe, i.driver())));
        return problems;
    }

    @Override
    public SweepRun start(MapRecipe recipe, Path output, boolean resume, boolean acceptInstrumentChanges)
            throws SweepException {
        List<RecipeProblem> problems = RecipeValidator.check(recipe);
        if (!problems.isEmpty()) {
            throw new InvalidRecipeException(recipe.name(), problems);
        }
        Instrument instrument = bind(recipe.instrumentId());
        InstrumentDriver driver = instrument.driver();
        problems = CapabilityCheck.check(recipe, driver);
        if (!problems.isEmpty()) {
            throw new InvalidRecipeException(recipe.name(), problems);
        }
        for (SweepRunImpl r : runs) {
            if (!r.state().isFinal() && r.recipe().instrumentId().equals(recipe.instrumentId())) {
                throw new SweepException("instrument '" + recipe.instrumentId() + "' is busy with run " + r.id()
                        + " writing " + r.output());
            }
            if (!r.state().isFinal() && r.output().toAbsolutePath().equals(output.toAbsolutePath())) {
                throw new SweepException(output + " is being written by run " + r.id());
            }
        }
        connect(recipe.instrumentId(), driver);
        MapStore store = resume ? reopen(recipe, output, instrument, acceptInstrumentChanges)
                : create(recipe, output, instrument);
        String id = "run-" + nextId.getAndIncrement();
        SweepRunImpl run = new SweepRunImpl(id, recipe, output, store, instruments,
                new EventPublisher(() -> eventAdmin), this::warn);
        forgetOldRuns();
        runs.add(run);
        run.start();
        return run;
    }

    /** Finished runs keep their pixel lists: keep only the most recent ones. */
    private void forgetOldRuns() {
        List<SweepRunImpl> finished = runs.stream().filter(r -> r.state().isFinal()).toList();
        for (int k = 0; k < finished.size() - KEEP_FINISHED_RUNS; k++) {
            runs.remove(finished.get(k));
        }
    }

    private Instrument bind(String instrumentId) throws SweepException {
        try {
            Optional<Instrument> d = instruments.await(instrumentId, Duration.ofMillis(instrumentWaitMs));
            if (d.isPresent()) {
                return d.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepException("interrupted while waiting for instrument '" + instrumentId + "'");
        }
        Set<String> ids = instruments();
        throw new SweepException("no instrument with instrument.id '" + instrumentId + "' is registered ("
                + (ids.isEmpty() ? "none are" : "registered: " + String.join(", ", ids)) + ")");
    }

    private static void connect(String id, InstrumentDriver driver) throws SweepException {
        try {
            if (!driver.status().connected()) {
                driver.connect();
            }
        } catch (RuntimeException e) {
            throw new SweepException("instrument '" + id + "' cannot connect: " + e.getMessage(), e);
        }
        if (!driver.status().connected()) {
            throw new SweepException("instrument '" + id + "' is " + driver.status().state()
                    + (driver.status().reason().isEmpty() ? "" : ": " + driver.status().reason()));
        }
    }

    private MapStore create(MapRecipe recipe, Path output, Instrument instrument) throws SweepException {
        InstrumentDriver driver = instrument.driver();
        if (Files.exists(output)) {
            throw new SweepException(output + " exists; resume it, or choose another file");
        }
        Path dir = output.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SweepException("cannot create " + output + ": the directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new SweepException("cannot create " + output + ": the directory " + dir + " is not writable");
        }
        try {
            return stores.create(output, recipe.grid(),
                    attributes(recipe, driver, instrument.properties()),
                    new ArrayList<>(driver.capabilities().channels().values()));
        } catch (IOException | RuntimeException e) {
            throw new SweepException("cannot create " + output + ": " + e.getMessage(), e);
        }
    }

    /**
     * The map file's attributes: the recipe, the instrument's identity and its configuration
     * (service properties), so that a file says on its own how it was measured.
     */
    static Map<String, String> attributes(MapRecipe recipe, InstrumentDriver driver,
            Map<String, Object> serviceProperties) {
        InstrumentInfo info = driver.info();
        Map<String, String> a = new LinkedHashMap<>();
        a.put(MapAttributes.RECIPE, new JsonRecipeCodec().toJson(recipe));
        a.put(MapAttributes.CUTOFF_RULE, RuleText.of(recipe.cutoff()));
        a.put(MapAttributes.INSTRUMENT_ID, recipe.instrumentId());
        a.put(MapAttributes.INSTRUMENT, info.name() + " (" + info.vendor() + " " + info.model()
                + (info.serial().isEmpty() ? "" : ", serial " + info.serial()) + (info.simulated() ? ", simulated" : "")
                + ")");
        a.put(MapAttributes.INSTRUMENT_SETTINGS, InstrumentSettings.toJson(serviceProperties));
        a.put(MapAttributes.CREATED, Instant.now().toString());
        return a;
    }

    private MapStore reopen(MapRecipe recipe, Path output, Instrument instrument, boolean acceptChanges)
            throws SweepException {
        String settings = InstrumentSettings.toJson(instrument.properties());
        MapStore store = reopen(recipe, output, new SessionInfo(recipe.instrumentId(), settings, ""));
        List<AcquisitionSession> sessions = store.sessions();
        if (sessions.size() < 2) {
            return store; // a store that records no sessions: nothing to compare with
        }
        AcquisitionSession last = sessions.get(sessions.size() - 2);
        List<String> changes = InstrumentChanges.between(last.instrumentId(), last.instrumentSettings(),
                recipe.instrumentId(), settings);
        if (changes.isEmpty()) {
            return store;
        }
        closeQuietly(store);
        if (!acceptChanges) {
            throw new InstrumentChangedException("cannot resume " + output + ": it was measured "
                    + (last.instrumentId().equals(recipe.instrumentId())
                            ? "on instrument '" + last.instrumentId() + "' with other settings"
                            : "on instrument '" + last.instrumentId() + "', not '" + recipe.instrumentId() + "'")
                    + " (session " + last.index() + "); changed: " + String.join("; ", changes), changes);
        }
        String note = "resumed accepting instrument changes since session " + last.index() + ": "
                + String.join("; ", changes);
        warn(output + ": " + note);
        return reopen(recipe, output, new SessionInfo(recipe.instrumentId(), settings, note));
    }

    private static void closeQuietly(MapStore store) {
        try {
            store.close();
        } catch (IOException e) {
            // the refusal is what the user must hear about
        }
    }

    private MapStore reopen(MapRecipe recipe, Path output, SessionInfo session) throws SweepException {
        if (!Files.exists(output)) {
            throw new SweepException("cannot resume " + output + ": the file does not exist");
        }
        if (!Files.isWritable(output)) {
            throw new SweepException("cannot resume " + output + ": the file is not writable");
        }
        MapStore store;
        try {
            store = stores.openForResume(output, session);
        } catch (IOException | RuntimeException e) {
            throw new SweepException("cannot resume " + output + ": " + e.getMessage(), e);
        }
        List<String> differ = differences(recipe, store.attributes().getOrDefault(MapAttributes.RECIPE, ""));
        if (!differ.isEmpty()) {
            try {
                store.close();
            } catch (IOException e) {
                // the mismatch is what the user must hear about
            }
            throw new SweepException("cannot resume " + output + ": " + (differ.equals(UNREADABLE)
                    ? "its stored recipe is unreadable, so nothing shows that this recipe continues it"
                    : "it was written with another recipe (" + (differ.size() == 1 ? "differs: " : "differ: ")
                            + String.join(", ", differ) + ")"));
        }
        return store;
    }

    /** What {@link #differences} says when the file's recipe cannot be read. */
    static final List<String> UNREADABLE = List.of("(the stored recipe is unreadable)");

    /** The {@link #RESUME_FIELDS} in which the file's recipe differs from {@code recipe}. */
    static List<String> differences(MapRecipe recipe, String storedJson) {
        JsonObject now = RecipeJsonWriter.toTree(recipe);
        JsonObject stored;
        try {
            stored = JsonParser.parseString(storedJson).getAsJsonObject();
        } catch (RuntimeException e) {
            return UNREADABLE;
        }
        List<String> differ = new ArrayList<>();
        for (String f : RESUME_FIELDS) {
            if (!String.valueOf(now.get(f)).equals(String.valueOf(stored.get(f)))) {
                differ.add(f);
            }
        }
        return differ;
    }

    @Override
    public List<SweepRun> runs() {
        return List.copyOf(runs);
    }

    @Override
    public Set<String> instruments() {
        TreeSet<String> ids = new TreeSet<>();
        instruments.instruments().forEach(i -> ids.add(i.id()));
        return ids;
    }
}
