package bastion.scoring;

import bastion.common.Params;
import bastion.common.Revisions;
import bastion.cycle.CycleService;
import bastion.scoring.FortressDtos.FortressIndexPage;
import bastion.scoring.ScorecardDtos.ScorecardInput;
import bastion.scoring.ScorecardDtos.ScorecardView;
import bastion.security.Caller;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Scorecards and fortress indices of a cycle. Reads run in one transaction: one connection, one snapshot. */
@Path("/api/v1/cycles/{cycleId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class ScoringResource {

    private static final List<String> SORTS = List.of("-index", "index", "divisionCode", "-divisionCode", "name", "-name");

    @Inject
    Caller caller;

    @Inject
    CycleService cycles;

    @Inject
    ScorecardService scorecards;

    @Inject
    FortressService fortress;

    @GET
    @Path("/scorecards/{organizationId}")
    @Transactional
    public Response getScorecard(@PathParam("cycleId") String cycleId, @PathParam("organizationId") String organizationId) {
        long[] ids = ids(cycleId, organizationId);
        ScorecardView view = scorecards.get(ids[0], ids[1]);
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    @PUT
    @Path("/scorecards/{organizationId}")
    public Response putScorecard(@PathParam("cycleId") String cycleId, @PathParam("organizationId") String organizationId,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid ScorecardInput input) {
        long[] ids = ids(cycleId, organizationId);
        ScorecardView view = scorecards.put(ids[0], ids[1], Revisions.ifMatch(ifMatch), input);
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    @GET
    @Path("/fortress-indices")
    @Transactional
    public FortressIndexPage listFortressIndices(@PathParam("cycleId") String cycleId, @QueryParam("under") String under,
            @QueryParam("stars") String stars, @QueryParam("complete") String complete, @QueryParam("sort") String sort,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        Params params = new Params();
        Long cycle = params.id("cycleId", cycleId);
        Long underId = params.id("under", under);
        Integer starCount = params.integer("stars", stars, 1, 5, null);
        String completeText = params.oneOf("complete", complete, List.of("true", "false"), null);
        String order = params.oneOf("sort", sort, SORTS, "-index");
        int p = params.integer("page", page, 1, 100_000, 1);
        int s = params.integer("size", size, 1, 200, 20);
        params.check();
        CycleService.Head c = cycles.head(caller.jurisdiction(), cycle);
        return fortress.list(caller.jurisdiction(), c, underId, starCount, completeText == null ? null : Boolean.valueOf(completeText),
                order, p, s);
    }

    @GET
    @Path("/fortress-indices/{organizationId}")
    @Transactional
    public Object getFortressIndex(@PathParam("cycleId") String cycleId, @PathParam("organizationId") String organizationId) {
        long[] ids = ids(cycleId, organizationId);
        Object index = fortress.index(caller.jurisdiction(), ids[0], ids[1]);
        if (index instanceof String storedJson) {
            return Response.ok(storedJson, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return index;
    }

    private static long[] ids(String cycleId, String organizationId) {
        Params params = new Params();
        Long cycle = params.id("cycleId", cycleId);
        Long org = params.id("organizationId", organizationId);
        params.check();
        return new long[] {cycle, org};
    }
}
