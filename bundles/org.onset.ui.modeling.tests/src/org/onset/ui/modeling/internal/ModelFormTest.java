package org.onset.ui.modeling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onset.fem.FemModel;
import org.onset.fem.FemModelJson;

/** The form checks what is typed with the model reader's own rules and puts each message beside its field. */
class ModelFormTest {

    private Display display;
    private Shell shell;
    private ModelForm form;
    private final List<FemModel> told = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        form = new ModelForm(shell, told::add);
        try (InputStream in = ModelFormTest.class.getClassLoader().getResourceAsStream(FemModelPart.FIG6_RESOURCE)) {
            form.show(FemModelJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    @Test
    void theFig6ExampleFillsTheFormAndReadsBackEqual() throws Exception {
        FemModel m = form.model();
        assertNotNull(m, form.problems().toString());
        assertEquals(FemModelJson.toJson(m), FemModelJson.toJson(told.get(told.size() - 1)));
        assertEquals(150, m.inclusions().get(0).radiusNm());
        assertEquals(35, m.slab().permittivity());
        assertEquals("", form.errorOf("slab.width_nm"));
    }

    @Test
    void aTypoIsNamedBesideItsFieldAndTheModelIsWithheld() {
        form.type("slab.width_nm", "13OO");
        assertNull(form.model());
        assertNull(told.get(told.size() - 1));
        assertTrue(form.errorOf("slab.width_nm").contains("slab.width_nm must be a number"), form.errorOf("slab.width_nm"));
        assertEquals("", form.errorOf("tip.apex_radius_nm"));
        form.type("slab.width_nm", "1300");
        assertNotNull(form.model());
        assertEquals("", form.errorOf("slab.width_nm"));
    }

    @Test
    void geometryProblemsGoToTheFieldThatFixesThem() {
        form.type("inclusions.radius_nm", "700");
        assertTrue(form.errorOf("inclusions.x_nm").contains("is not inside the slab"), form.errorOf("inclusions.x_nm"));
        form.type("inclusions.radius_nm", "150");
        form.type("mesh.apex_nm", "60");
        assertTrue(form.errorOf("mesh.apex_nm").contains("larger than the apex radius"), form.errorOf("mesh.apex_nm"));
        form.type("mesh.apex_nm", "1");
        form.type("air.height_nm", "500");
        assertTrue(form.errorOf("air.height_nm").contains("must fit in the air box"), form.errorOf("air.height_nm"));
        form.type("air.height_nm", "1000");
        form.type("probe_depths_nm", "10, 50, 700");
        assertTrue(form.errorOf("probe_depths_nm").contains("probe depth 700"), form.errorOf("probe_depths_nm"));
        form.type("probe_depths_nm", "10, 50, 100");
        assertNotNull(form.model(), form.problems().toString());
        assertEquals(List.of(10.0, 50.0, 100.0), form.model().probeDepthsNm());
    }
}
