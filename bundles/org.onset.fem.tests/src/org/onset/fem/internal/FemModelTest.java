package org.onset.fem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.onset.fem.FemModel;
import org.onset.fem.FemModelException;
import org.onset.fem.FemModelJson;

class FemModelTest {

    @Test
    void theExampleModelIsThePapersFig6() throws Exception {
        FemModel m = Fig6.model();
        assertEquals(1300, m.slab().widthNm());
        assertEquals(35, m.slab().permittivity());
        assertEquals(1, m.inclusions().size());
        assertEquals(150, m.inclusions().get(0).radiusNm());
        assertEquals(5.1, m.inclusions().get(0).permittivity());
        assertEquals(FemModel.Shape.HEMISPHERE, m.inclusions().get(0).shape());
        assertEquals(50, m.tip().apexRadiusNm());
        assertEquals(List.of(10.0, 50.0, 100.0), m.probeDepthsNm());
    }

    @Test
    void jsonRoundTripGivesTheSameModel() throws Exception {
        FemModel m = Fig6.model().withInclusions(List.of(
                new FemModel.Inclusion(-300, 0, 100, 5.1, FemModel.Shape.HEMISPHERE, 0),
                new FemModel.Inclusion(200, 100, 80, 7, FemModel.Shape.CYLINDER, 40)));
        assertEquals(m, FemModelJson.parse(FemModelJson.toJson(m)));
        // a refined mesh: every size and both growth rates smaller, kept through JSON, and in the .geo
        FemModel fine = m.withMesh(m.mesh().refinedBy(2));
        assertEquals(new FemModel.MeshSizes(30, 0.5, 7.5, 0.5), fine.mesh());
        assertEquals(fine, FemModelJson.parse(FemModelJson.toJson(fine)));
        String geo = GmshGeometry.geo(fine);
        assertTrue(geo.contains("growApex = 0.05, growInterface = 0.25"), geo);
        assertTrue(GmshGeometry.geo(m).contains("growApex = 0.1, growInterface = 0.5"));
    }

    @Test
    void anInclusionOutsideTheSlabIsNamed() throws Exception {
        FemModel m = Fig6.model().withDx(600); // 600 + 150 > 650
        FemModelException e = assertThrows(FemModelException.class, m::validate);
        assertTrue(e.getMessage().contains("inclusions[0]") && e.getMessage().contains("not inside the slab"), e.getMessage());
    }

    @Test
    void overlappingInclusionsAreNamed() throws Exception {
        FemModel m = Fig6.model().withInclusions(List.of(
                new FemModel.Inclusion(0, 0, 150, 5.1, FemModel.Shape.HEMISPHERE, 0),
                new FemModel.Inclusion(250, 0, 120, 5.1, FemModel.Shape.CYLINDER, 50)));
        FemModelException e = assertThrows(FemModelException.class, m::validate);
        assertTrue(e.getMessage().contains("inclusions[0] and inclusions[1] overlap"), e.getMessage());
    }

    @Test
    void aMeshSizeLargerThanTheApexIsRefused() throws Exception {
        FemModel m = Fig6.model().withMesh(new FemModel.MeshSizes(60, 80, 15));
        FemModelException e = assertThrows(FemModelException.class, m::validate);
        assertTrue(e.getMessage().contains("mesh.apex_nm") && e.getMessage().contains("larger than the apex radius"),
                e.getMessage());
    }

    @Test
    void everyProblemOfAFileIsListedWithItsField() {
        String json = "{\"slab\": {\"width_nm\": 1300, \"depth_nm\": 1200, \"thickness_nm\": 600, \"permitivity\": 35},"
                + "\"tip\": {\"cone_half_angle_deg\": 15, \"apex_radius_nm\": \"fifty\", \"height_nm\": 800, \"indentation_nm\": 1.75},"
                + "\"bias_V\": 1, \"air\": {\"height_nm\": 1000},"
                + "\"inclusions\": [{\"x_nm\": 0, \"y_nm\": 0, \"radius_nm\": 150, \"permittivity\": 5.1, \"shape\": \"cube\"}],"
                + "\"mesh\": {\"global_nm\": 60, \"apex_nm\": 1, \"interface_nm\": 15}}";
        FemModelException e = assertThrows(FemModelException.class, () -> FemModelJson.parse(json));
        String msg = e.getMessage();
        assertTrue(msg.contains("unknown field slab.permitivity"), msg);
        assertTrue(msg.contains("missing field slab.permittivity"), msg);
        assertTrue(msg.contains("tip.apex_radius_nm must be a number"), msg);
        assertTrue(msg.contains("inclusions[0].shape must be \"hemisphere\" or \"cylinder\""), msg);
    }

    @Test
    void aTipThatOnlyTouchesTheSurfaceIsRefused() throws Exception {
        FemModel f = Fig6.model();
        FemModel m = new FemModel(f.name(), f.slab(), f.inclusions(), new FemModel.Tip(15, 50, 800, 0), 1, 0,
                f.airHeightNm(), f.mesh(), f.probeDepthsNm());
        FemModelException e = assertThrows(FemModelException.class, m::validate);
        assertTrue(e.getMessage().contains("tip.indentation_nm must be > 0"), e.getMessage());
    }
}
