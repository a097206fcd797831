package org.onset.instrument.api;

import java.util.Objects;

/**
 * Identity of a configured instrument.
 *
 * @param id        the {@value InstrumentDriver#INSTRUMENT_ID} of the service, unique in a workbench
 * @param name      human readable name
 * @param vendor    maker of the hardware (or "Onset" for the simulator)
 * @param model     model of the hardware
 * @param serial    serial number, empty when unknown
 * @param simulated true when no hardware is involved
 */
public record InstrumentInfo(String id, String name, String vendor, String model, String serial, boolean simulated) {
    public InstrumentInfo {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("instrument.id must not be blank");
        }
        name = name == null ? id : name;
        vendor = vendor == null ? "" : vendor;
        model = model == null ? "" : model;
        serial = serial == null ? "" : serial;
    }
}
