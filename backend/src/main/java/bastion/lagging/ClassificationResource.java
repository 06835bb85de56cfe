package bastion.lagging;

import bastion.common.Params;
import bastion.cycle.CycleEntity;
import bastion.cycle.CycleService;
import bastion.lagging.ClassificationService.LaggingPage;
import bastion.lagging.ClassificationService.LaggingSummary;
import bastion.security.Caller;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The classification of a cycle: its lagging organisations and their counts per county and township (DOMAIN §3). */
@Path("/api/v1/cycles/{cycleId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class ClassificationResource {

    @Inject
    Caller caller;

    @Inject
    CycleService cycles;

    @Inject
    ClassificationService classification;

    @GET
    @Path("/lagging")
    @Transactional
    public LaggingPage listLagging(@PathParam("cycleId") String cycleId, @QueryParam("under") String under, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Params params = new Params();
        Long cycle = params.id("cycleId", cycleId);
        Long underId = params.id("under", under);
        int p = params.integer("page", page, 1, 100_000, 1);
        int s = params.integer("size", size, 1, 200, 20);
        params.check();
        CycleEntity c = cycles.find(caller.jurisdiction(), cycle);
        return classification.list(caller.jurisdiction(), c, underId, p, s);
    }

    @GET
    @Path("/lagging-summary")
    @Transactional
    public LaggingSummary laggingSummary(@PathParam("cycleId") String cycleId, @QueryParam("under") String under) {
        Params params = new Params();
        Long cycle = params.id("cycleId", cycleId);
        Long underId = params.id("under", under);
        params.check();
        CycleEntity c = cycles.find(caller.jurisdiction(), cycle);
        return classification.summary(caller.jurisdiction(), c, underId);
    }
}
