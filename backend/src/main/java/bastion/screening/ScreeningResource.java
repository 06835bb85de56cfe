package bastion.screening;

import bastion.common.Page;
import bastion.common.Params;
import bastion.screening.ScreeningDtos.RunView;
import bastion.screening.ScreeningDtos.ScreeningRunInput;
import bastion.security.Caller;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code /api/v1/screening-runs}: 智能排查 over a township, county or city. */
@Path("/api/v1/screening-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class ScreeningResource {

    @Inject
    Caller caller;

    @Inject
    ScreeningService screening;

    @GET
    @Transactional
    public Page<RunView> listScreeningRuns(@QueryParam("under") String under, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Params params = new Params();
        Long u = params.id("under", under);
        int p = params.integer("page", page, 1, 100_000, 1);
        int s = params.integer("size", size, 1, 200, 20);
        params.check();
        return screening.list(caller.jurisdiction(), u, p, s);
    }

    @POST
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response runScreening(@NotNull @Valid ScreeningRunInput input) {
        RunView run = screening.run(input);
        return Response.created(URI.create("/api/v1/screening-runs/" + run.id())).entity(run).build();
    }

    @GET
    @Path("/{runId}")
    @Transactional
    public RunView getScreeningRun(@PathParam("runId") String runId) {
        return screening.get(caller.jurisdiction(), Params.requiredId("runId", runId));
    }
}
