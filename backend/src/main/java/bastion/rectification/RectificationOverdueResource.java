package bastion.rectification;

import bastion.common.Params;
import bastion.rectification.RectificationDtos.OverdueList;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The township board of overdue rectification items: tasks past their deadline and months without the leader's visits. */
@Path("/api/v1/rectification-overdue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class RectificationOverdueResource {

    @Inject
    RectificationService plans;

    @GET
    @Transactional
    public OverdueList listOverdue(@QueryParam("under") String under) {
        Params params = new Params();
        Long underId = params.id("under", under);
        params.check();
        return plans.overdue(underId);
    }
}
