package bastion.rules;

import bastion.common.Params;
import bastion.common.Revisions;
import bastion.rules.RuleSetDtos.Definition;
import bastion.rules.RuleSetDtos.RuleSetInput;
import bastion.rules.RuleSetDtos.RuleSetUpdate;
import bastion.rules.RuleSetDtos.RuleSetView;
import bastion.rules.RuleSetDtos.ValidationReport;
import bastion.security.Caller;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Rule sets (指标体系), versioned per jurisdiction and year. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class RuleSetResource {

    @Inject
    Caller caller;

    @Inject
    RuleSetService ruleSets;

    @GET
    @Path("/rule-set-template")
    public Definition getRuleSetTemplate() {
        caller.jurisdiction();
        return ruleSets.template();
    }

    @GET
    @Path("/rule-sets")
    public List<RuleSetView> listRuleSets(@QueryParam("year") String year) {
        Params params = new Params();
        Integer y = params.integer("year", year, 2000, 2100, null);
        params.check();
        return ruleSets.list(caller.jurisdiction(), y);
    }

    @POST
    @Path("/rule-sets")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response createRuleSet(@NotNull @Valid RuleSetInput input) {
        return created(ruleSets.create(input));
    }

    @POST
    @Path("/rule-sets/validation")
    public ValidationReport validateRuleSet(@NotNull @Valid Definition definition) {
        caller.jurisdiction();
        return ruleSets.validate(definition);
    }

    @GET
    @Path("/rule-sets/{ruleSetId}")
    public Response getRuleSet(@PathParam("ruleSetId") String ruleSetId) {
        RuleSetView view = ruleSets.get(caller.jurisdiction(), id(ruleSetId));
        return Response.ok(view).tag(etag(view)).build();
    }

    @PUT
    @Path("/rule-sets/{ruleSetId}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response updateRuleSet(@PathParam("ruleSetId") String ruleSetId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid RuleSetUpdate update) {
        long id = id(ruleSetId);
        RuleSetView view = ruleSets.update(id, Revisions.ifMatch(ifMatch), update);
        return Response.ok(view).tag(etag(view)).build();
    }

    @DELETE
    @Path("/rule-sets/{ruleSetId}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response deleteRuleSet(@PathParam("ruleSetId") String ruleSetId, @HeaderParam("If-Match") String ifMatch) {
        long id = id(ruleSetId);
        ruleSets.delete(id, Revisions.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("/rule-sets/{ruleSetId}/versions")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response copyRuleSet(@PathParam("ruleSetId") String ruleSetId) {
        return created(ruleSets.copy(id(ruleSetId)));
    }

    private static Response created(RuleSetView view) {
        return Response.created(URI.create("/api/v1/rule-sets/" + view.id())).entity(view).tag(etag(view)).build();
    }

    private static jakarta.ws.rs.core.EntityTag etag(RuleSetView view) {
        return Revisions.tag(view.revision());
    }

    private static long id(String raw) {
        return Params.requiredId("ruleSetId", raw);
    }
}
