package bastion.orgdata;

import bastion.common.Page;
import bastion.common.Params;
import bastion.common.Problem;
import bastion.common.ProblemException;
import bastion.common.Revisions;
import bastion.orgdata.OrgDataDtos.LeadershipPostInput;
import bastion.orgdata.OrgDataDtos.LeadershipPostList;
import bastion.orgdata.OrgDataDtos.MeetingInput;
import bastion.orgdata.OrgDataDtos.MeetingKind;
import bastion.orgdata.OrgDataDtos.MeetingView;
import bastion.orgdata.OrgDataDtos.PostKind;
import bastion.orgdata.OrgDataDtos.VenueInput;
import bastion.orgdata.OrgDataDtos.VenueView;
import bastion.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/organizations/{organizationId}/posts|meetings|venue}: the data of an organisation
 * that screening reads. Everyone in scope reads; township officials, county and city admins write.
 */
@Path("/api/v1/organizations/{organizationId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class OrgDataResource {

    @Inject
    OrgDataService data;

    @GET
    @Path("/posts")
    @Transactional
    public LeadershipPostList listPosts(@PathParam("organizationId") String organizationId) {
        return data.posts(org(organizationId));
    }

    @PUT
    @Path("/posts/{post}")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response putPost(@PathParam("organizationId") String organizationId, @PathParam("post") String post,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid LeadershipPostInput input) {
        Params params = new Params();
        Long org = params.id("organizationId", organizationId);
        PostKind kind = params.enumeration("post", post, PostKind.class);
        params.check();
        boolean given = ifMatch != null && !ifMatch.isBlank();
        var written = data.putPost(org, kind, given ? Revisions.ifMatch(ifMatch) : null, given, input);
        Response.ResponseBuilder response = written.created()
                ? Response.created(URI.create("/api/v1/organizations/" + org + "/posts/" + kind.name()))
                : Response.ok();
        return response.entity(written.view()).tag(Revisions.tag(written.revision())).build();
    }

    @GET
    @Path("/meetings")
    @Transactional
    public Page<MeetingView> listMeetings(@PathParam("organizationId") String organizationId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("kind") String kind, @QueryParam("page") String page, @QueryParam("size") String size) {
        Params params = new Params();
        Long org = params.id("organizationId", organizationId);
        MeetingKind k = params.enumeration("kind", kind, MeetingKind.class);
        int p = params.integer("page", page, 1, 100_000, 1);
        int s = params.integer("size", size, 1, 200, 20);
        params.check();
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate f = date(errors, "from", from);
        LocalDate t = date(errors, "to", to);
        if (f != null && t != null && t.isBefore(f)) {
            errors.add(new Problem.FieldError("to", "不能早于 from / must not be before from"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return data.meetings(org, f, t, k, p, s);
    }

    @POST
    @Path("/meetings")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response recordMeeting(@PathParam("organizationId") String organizationId, @NotNull @Valid MeetingInput input) {
        long org = org(organizationId);
        MeetingView view = data.recordMeeting(org, input);
        return Response.created(URI.create("/api/v1/organizations/" + org + "/meetings/" + view.id())).entity(view).build();
    }

    @DELETE
    @Path("/meetings/{meetingId}")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response deleteMeeting(@PathParam("organizationId") String organizationId, @PathParam("meetingId") String meetingId,
            @QueryParam("reason") String reason) {
        Params params = new Params();
        Long org = params.id("organizationId", organizationId);
        Long meeting = params.id("meetingId", meetingId);
        String why = params.text("reason", reason, 1, 500);
        params.check();
        if (why == null) {
            throw ProblemException.invalid("reason", "删除会议记录必须说明理由 / a reason is required");
        }
        data.deleteMeeting(org, meeting, why);
        return Response.noContent().build();
    }

    @GET
    @Path("/venue")
    @Transactional
    public Response getVenue(@PathParam("organizationId") String organizationId) {
        VenueView view = data.venue(org(organizationId));
        return Response.ok(view).tag(Revisions.tag(view.revision())).build();
    }

    @PUT
    @Path("/venue")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response putVenue(@PathParam("organizationId") String organizationId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid VenueInput input) {
        long org = org(organizationId);
        boolean given = ifMatch != null && !ifMatch.isBlank();
        var written = data.putVenue(org, given ? Revisions.ifMatch(ifMatch) : null, given, input);
        Response.ResponseBuilder response = written.created()
                ? Response.created(URI.create("/api/v1/organizations/" + org + "/venue"))
                : Response.ok();
        return response.entity(written.view()).tag(Revisions.tag(written.revision())).build();
    }

    private static long org(String raw) {
        return Params.requiredId("organizationId", raw);
    }

    private static LocalDate date(List<Problem.FieldError> errors, String field, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "必须是日期, 如 2026-01-31 / must be a date like 2026-01-31"));
            return null;
        }
    }
}
