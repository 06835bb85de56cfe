package bastion.session;

import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/v1/me}: who the caller is, their roles and their jurisdiction. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class MeResource {

    public record Me(String username, String displayName, Caller.Kind kind, List<String> roles, List<String> scopes,
            OrganizationRef jurisdiction) {}

    @Inject
    Caller caller;

    @GET
    public Me getMe() {
        Jurisdiction j = caller.jurisdiction();
        return new Me(caller.username(), caller.displayName(), caller.kind(), caller.roles(), caller.scopes(),
                new OrganizationRef(j.rootId(), j.rootCode(), j.rootName(), j.rootLevel()));
    }
}
