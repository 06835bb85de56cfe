package bastion.lagging;

import bastion.common.Params;
import bastion.common.ProblemException;
import bastion.common.Revisions;
import bastion.lagging.CatalogueDtos.CatalogueInput;
import bastion.lagging.CatalogueDtos.CatalogueView;
import bastion.lagging.CatalogueDtos.Definition;
import bastion.lagging.FindingDtos.BulkFindingResult;
import bastion.lagging.FindingDtos.BulkFindingTransition;
import bastion.lagging.FindingDtos.BulkItemResult;
import bastion.lagging.FindingDtos.FindingInput;
import bastion.lagging.FindingDtos.FindingPage;
import bastion.lagging.FindingDtos.FindingTransition;
import bastion.lagging.FindingDtos.FindingView;
import bastion.lagging.FindingLedger.State;
import bastion.org.OrganizationService;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Catalogue versions, findings with their evidence, and the classification of cycles (DOMAIN §3). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN, Roles.AUDITOR, Roles.GOV_SYSTEM})
public class LaggingResource {

    private static final List<String> STATES = Arrays.stream(State.values()).map(Enum::name).toList();

    @Inject
    Caller caller;

    @Inject
    CatalogueService catalogues;

    @Inject
    FindingService findings;

    @Inject
    AttachmentService attachments;

    @Inject
    OrganizationService organizations;

    @GET
    @Path("/catalogue-template")
    public Definition getCatalogueTemplate() {
        caller.jurisdiction();
        return catalogues.template();
    }

    @GET
    @Path("/catalogues")
    public List<CatalogueView> listCatalogues(@QueryParam("year") String year) {
        Params params = new Params();
        Integer y = params.integer("year", year, 2000, 2100, null);
        params.check();
        return catalogues.list(caller.jurisdiction(), y);
    }

    @POST
    @Path("/catalogues")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response createCatalogue(@NotNull @Valid CatalogueInput input) {
        CatalogueView view = catalogues.create(input);
        return Response.created(URI.create("/api/v1/catalogues/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/catalogues/effective")
    @Transactional
    public CatalogueView getEffectiveCatalogue(@QueryParam("organizationId") String organizationId, @QueryParam("year") String year) {
        Params params = new Params();
        Long org = params.id("organizationId", organizationId);
        Integer y = params.integer("year", year, 2000, 2100, null);
        if (org == null) {
            params.fail("organizationId", "必填 / is required");
        }
        if (y == null) {
            params.fail("year", "必填 / is required");
        }
        params.check();
        return catalogues.effective(organizations.requireInScope(caller.jurisdiction(), org), y);
    }

    @GET
    @Path("/catalogues/{catalogueId}")
    public CatalogueView getCatalogue(@PathParam("catalogueId") String catalogueId) {
        return catalogues.get(caller.jurisdiction(), Params.requiredId("catalogueId", catalogueId));
    }

    @GET
    @Path("/findings")
    public FindingPage listFindings(@QueryParam("under") String under, @QueryParam("organizationId") String organizationId,
            @QueryParam("state") String state, @QueryParam("criterion") String criterion, @QueryParam("source") String source,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        Params params = new Params();
        Long underId = params.id("under", under);
        Long orgId = params.id("organizationId", organizationId);
        List<State> states = List.of();
        if (state != null) {
            if (Arrays.stream(state.split(",", -1)).allMatch(STATES::contains)) {
                states = FindingService.parseStates(state);
            } else {
                params.fail("state", "必须是以逗号分隔的状态: " + String.join(", ", STATES) + " / must be comma-separated states");
            }
        }
        String code = criterion == null ? null : params.text("criterion", criterion, 1, 20);
        if (code != null && !code.matches(bastion.rules.RuleSetDtos.CODE)) {
            params.fail("criterion", bastion.rules.RuleSetDtos.CODE_MESSAGE);
        }
        String src = params.oneOf("source", source, List.of("MANUAL", "SCREENING"), null);
        int p = params.integer("page", page, 1, 100_000, 1);
        int s = params.integer("size", size, 1, 200, 20);
        params.check();
        return findings.list(caller.jurisdiction(), new FindingService.Filter(underId, orgId, states, code, src), p, s);
    }

    @POST
    @Path("/findings")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response raiseFinding(@NotNull @Valid FindingInput input) {
        FindingView view = findings.raise(input);
        return Response.created(URI.create("/api/v1/findings/" + view.summary().id())).entity(view)
                .tag(Revisions.tag(view.summary().revision())).build();
    }

    @POST
    @Path("/findings/bulk-transitions")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN})
    public BulkFindingResult bulkTransitionFindings(@NotNull @Valid BulkFindingTransition input) {
        caller.jurisdiction();
        return findings.bulk(input, item -> {
            try {
                return findings.bulkItem(input, item);
            } catch (ProblemException e) {
                return new BulkItemResult(item.findingId(), e.status(), null, null, e.toProblem("/api/v1/findings/" + item.findingId()));
            }
        });
    }

    @GET
    @Path("/findings/{findingId}")
    public Response getFinding(@PathParam("findingId") String findingId) {
        FindingView view = findings.view(caller.jurisdiction(), Params.requiredId("findingId", findingId));
        return Response.ok(view).tag(Revisions.tag(view.summary().revision())).build();
    }

    @POST
    @Path("/findings/{findingId}/transitions")
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response transitionFinding(@PathParam("findingId") String findingId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid FindingTransition transition) {
        long id = Params.requiredId("findingId", findingId);
        FindingView view = findings.transition(id, Revisions.ifMatch(ifMatch), transition);
        return Response.ok(view).tag(Revisions.tag(view.summary().revision())).build();
    }

    @POST
    @Path("/findings/{findingId}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.TOWNSHIP_OFFICIAL, Roles.COUNTY_ADMIN, Roles.CITY_ADMIN})
    public Response uploadAttachment(@PathParam("findingId") String findingId, @RestForm("file") FileUpload file) {
        long id = Params.requiredId("findingId", findingId);
        if (file == null) {
            throw ProblemException.invalid("file", "必须上传一个文件 (表单字段 file) / a file is required (form field \"file\")");
        }
        if (file.size() > AttachmentService.MAX_BYTES) {
            throw AttachmentService.tooLarge(file.size());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FindingDtos.Attachment a = attachments.upload(id, file.fileName(), bytes);
        return Response.created(URI.create("/api/v1/findings/" + id + "/attachments/" + a.id())).entity(a).build();
    }

    @GET
    @Path("/findings/{findingId}/attachments/{attachmentId}")
    @Produces({"application/pdf", "image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    public Response downloadAttachment(@PathParam("findingId") String findingId, @PathParam("attachmentId") String attachmentId) {
        Params params = new Params();
        Long f = params.id("findingId", findingId);
        Long a = params.id("attachmentId", attachmentId);
        params.check();
        AttachmentService.Content c = attachments.download(f, a);
        String ascii = c.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(c.bytes(), c.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(c.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
