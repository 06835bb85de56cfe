package bastion.org;

import bastion.common.Page;
import bastion.common.Params;
import bastion.org.OrganizationDtos.OrganizationDetail;
import bastion.org.OrganizationDtos.OrganizationView;
import bastion.security.Caller;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/organizations}: the organisation tree, within the caller's jurisdiction. */
@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class OrganizationResource {

    @Inject
    Caller caller;

    @Inject
    OrganizationService organizations;

    @GET
    public Page<OrganizationView> listOrganizations(@QueryParam("parentId") String parentId, @QueryParam("under") String under,
            @QueryParam("level") String level,
            @QueryParam("orgType") String orgType, @QueryParam("placeType") String placeType, @QueryParam("q") String q,
            @QueryParam("page") String page, @QueryParam("size") String size, @QueryParam("sort") String sort) {
        Params params = new Params();
        OrganizationQuery query = new OrganizationQuery(
                params.id("parentId", parentId),
                params.id("under", under),
                params.enumeration("level", level, Organization.Level.class),
                params.enumeration("orgType", orgType, Organization.OrgType.class),
                params.enumeration("placeType", placeType, Organization.PlaceType.class),
                params.text("q", q, 1, 50),
                params.integer("page", page, 1, 100_000, 1),
                params.integer("size", size, 1, 200, 20),
                params.oneOf("sort", sort, OrganizationQuery.SORTS, "divisionCode"));
        params.check();
        return organizations.list(caller.jurisdiction(), query);
    }

    @GET
    @Path("/{id}")
    public OrganizationDetail getOrganization(@PathParam("id") String id) {
        return organizations.get(caller.jurisdiction(), Params.requiredId("id", id));
    }
}
