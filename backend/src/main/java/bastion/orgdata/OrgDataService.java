package bastion.orgdata;

import bastion.common.SqlValues;
import bastion.audit.AuditLog;
import bastion.common.Page;
import bastion.common.Problem;
import bastion.common.ProblemException;
import bastion.common.Problems;
import bastion.common.Today;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.orgdata.OrgDataDtos.LeadershipPostInput;
import bastion.orgdata.OrgDataDtos.LeadershipPostList;
import bastion.orgdata.OrgDataDtos.LeadershipPostView;
import bastion.orgdata.OrgDataDtos.MeetingInput;
import bastion.orgdata.OrgDataDtos.MeetingKind;
import bastion.orgdata.OrgDataDtos.MeetingView;
import bastion.orgdata.OrgDataDtos.PostKind;
import bastion.orgdata.OrgDataDtos.VenueChecklist;
import bastion.orgdata.OrgDataDtos.VenueInput;
import bastion.orgdata.OrgDataDtos.VenueView;
import bastion.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leadership posts, meetings and the activity venue of a township or village-level organisation.
 * Every read and write first resolves the organisation inside the caller's jurisdiction (outside
 * it: 404, like a missing one); who may write is narrowed by the resource's roles. Writes are one
 * transaction each; posts and venues are optimistic (revision, If-Match). Holder names are
 * personal data: they never reach logs, error bodies or the audit trail.
 */
@ApplicationScoped
@Transactional
public class OrgDataService {

    static final LocalDate EARLIEST = LocalDate.of(1950, 1, 1);
    static final LocalDate EARLIEST_MEETING = LocalDate.of(2000, 1, 1);

    /** A write's outcome: the stored representation, and whether it was created by this write. */
    public record Written<T>(T view, boolean created, long revision) {}

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    Today today;

    /** The organisation in the caller's jurisdiction (404 otherwise) that keeps organisation data (400 otherwise). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Organization organization(long id) {
        Organization o = Organization.findById(id);
        if (o == null || !caller.jurisdiction().covers(o)) {
            throw ProblemException.notFound("组织 " + id + " 不存在或不在您的管辖范围内 / Organisation " + id + " does not exist in your jurisdiction");
        }
        if (o.level != Organization.Level.VILLAGE && o.level != Organization.Level.TOWNSHIP) {
            throw ProblemException.invalid("organizationId", "班子、会议和活动场所只记录在乡镇和村(社区)党组织 / posts, meetings and venues are kept for "
                    + "townships and village-level organisations only");
        }
        return o;
    }

    // ---- posts --------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public LeadershipPostList posts(long organizationId) {
        Organization o = organization(organizationId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(POST_SELECT + " WHERE organization_id = :org").setParameter("org", o.id).getResultList();
        List<LeadershipPostView> posts = rows.stream().map(this::post)
                .sorted(java.util.Comparator.comparing(LeadershipPostView::post)).toList();
        return new LeadershipPostList(OrganizationRef.of(o), posts);
    }

    private static final String POST_SELECT =
            "SELECT post, holder_name, holder_since, vacant_since, revision, updated_by, updated_at FROM leadership_post";

    private LeadershipPostView post(Object[] r) {
        LocalDate vacantSince = date(r[3]);
        Integer days = vacantSince == null ? null : (int) Math.max(0, ChronoUnit.DAYS.between(vacantSince, today.date()));
        return new LeadershipPostView(PostKind.valueOf((String) r[0]), vacantSince != null, (String) r[1], date(r[2]), vacantSince, days,
                ((Number) r[4]).longValue(), (String) r[5], SqlValues.timestamp(r[6]));
    }

    private LeadershipPostView findPost(long organizationId, PostKind post) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(POST_SELECT + " WHERE organization_id = :org AND post = :post")
                .setParameter("org", organizationId).setParameter("post", post.name()).getResultList();
        return rows.isEmpty() ? null : post(rows.get(0));
    }

    /** Creates (ifMatch null or 0) or changes (ifMatch = the current revision) a post. */
    public Written<LeadershipPostView> putPost(long organizationId, PostKind post, Long ifMatch, boolean ifMatchGiven, LeadershipPostInput in) {
        Organization o = organization(organizationId);
        validate(in);
        String name = in.holderName() == null ? null : in.holderName().strip();
        LeadershipPostView current = findPost(o.id, post);
        boolean created;
        if (current == null) {
            if (ifMatchGiven && ifMatch != 0) {
                throw ProblemException.stale(null);
            }
            int inserted = em.createNativeQuery("""
                    INSERT INTO leadership_post (id, organization_id, county_code, post, holder_name, holder_since, vacant_since, updated_by)
                    VALUES (nextval('orgdata_seq'), :org, :county, :post, CAST(:name AS varchar), CAST(:holderSince AS date),
                            CAST(:vacantSince AS date), :by)
                    ON CONFLICT (organization_id, post) DO NOTHING""")
                    .setParameter("org", o.id).setParameter("county", o.countyCode).setParameter("post", post.name())
                    .setParameter("name", name).setParameter("holderSince", sql(in.holderSince()))
                    .setParameter("vacantSince", sql(in.vacantSince())).setParameter("by", caller.username())
                    .executeUpdate();
            if (inserted == 0) {
                throw ProblemException.stale(findPost(o.id, post));
            }
            created = true;
        } else {
            if (!ifMatchGiven) {
                bastion.common.Revisions.ifMatch(null);
            }
            if (ifMatch != current.revision()) {
                throw ProblemException.stale(current);
            }
            int updated = em.createNativeQuery("""
                    UPDATE leadership_post SET holder_name = CAST(:name AS varchar), holder_since = CAST(:holderSince AS date),
                        vacant_since = CAST(:vacantSince AS date), revision = revision + 1, updated_by = :by, updated_at = now()
                    WHERE organization_id = :org AND post = :post AND revision = :revision""")
                    .setParameter("org", o.id).setParameter("post", post.name()).setParameter("revision", ifMatch)
                    .setParameter("name", name).setParameter("holderSince", sql(in.holderSince()))
                    .setParameter("vacantSince", sql(in.vacantSince())).setParameter("by", caller.username())
                    .executeUpdate();
            if (updated == 0) {
                throw ProblemException.stale(findPost(o.id, post));
            }
            created = false;
        }
        LeadershipPostView view = findPost(o.id, post);
        // no names in the audit trail: only which post changed and whether it is vacant
        audit.record(caller.username(), created ? "POST_RECORDED" : "POST_CHANGED", o.countyCode, null, o.id, null, null,
                "{\"post\":\"" + post.name() + "\",\"vacant\":" + view.vacant() + ",\"revision\":" + view.revision() + "}");
        return new Written<>(view, created, view.revision());
    }

    private void validate(LeadershipPostInput in) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean holder = in.holderName() != null;
        if (holder && in.holderName().isBlank()) {
            errors.add(new Problem.FieldError("holderName", "不能为空白 / must not be blank"));
        }
        if (holder && in.vacantSince() != null) {
            errors.add(new Problem.FieldError("vacantSince", "有任职人时不能填写空缺日期: 任职人和空缺只能二选一 / give a holder or a vacancy, not both"));
        }
        if (!holder && in.vacantSince() == null) {
            errors.add(new Problem.FieldError("vacantSince", "必须填写任职人或空缺日期 / either holderName (with holderSince) or vacantSince is required"));
        }
        if (holder && in.holderSince() == null) {
            errors.add(new Problem.FieldError("holderSince", "填写任职人时必须填写任职日期 / is required with a holder"));
        }
        if (!holder && in.holderSince() != null) {
            errors.add(new Problem.FieldError("holderSince", "只有填写任职人时才能填写任职日期 / is only given with a holder"));
        }
        notFuture(errors, "holderSince", in.holderSince(), EARLIEST);
        notFuture(errors, "vacantSince", in.vacantSince(), EARLIEST);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private void notFuture(List<Problem.FieldError> errors, String field, LocalDate date, LocalDate earliest) {
        if (date == null) {
            return;
        }
        if (date.isAfter(today.date())) {
            errors.add(new Problem.FieldError(field, "不能晚于今天 (" + today.date() + ") / must not be in the future (today is " + today.date() + ")"));
        } else if (date.isBefore(earliest)) {
            errors.add(new Problem.FieldError(field, "不能早于 " + earliest + " / must not be before " + earliest));
        }
    }

    // ---- meetings -----------------------------------------------------------------------------

    private static final String MEETING_SELECT =
            "SELECT id, organization_id, kind, held_on, topic, attendees, expected, recorded_by, recorded_at FROM meeting";

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MeetingView> meetings(long organizationId, LocalDate from, LocalDate to, MeetingKind kind, int page, int size) {
        Organization o = organization(organizationId);
        StringBuilder where = new StringBuilder(" WHERE organization_id = :org AND deleted_at IS NULL");
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("org", o.id);
        if (from != null) {
            where.append(" AND held_on >= :fromDay");
            params.put("fromDay", sql(from));
        }
        if (to != null) {
            where.append(" AND held_on <= :toDay");
            params.put("toDay", sql(to));
        }
        if (kind != null) {
            where.append(" AND kind = :kind");
            params.put("kind", kind.name());
        }
        Query count = em.createNativeQuery("SELECT count(*) FROM meeting" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        Query q = em.createNativeQuery(MEETING_SELECT + where + " ORDER BY held_on DESC, id DESC LIMIT :limit OFFSET :offset");
        params.forEach(q::setParameter);
        q.setParameter("limit", size).setParameter("offset", (long) (page - 1) * size);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return Page.of(rows.stream().map(OrgDataService::meeting).toList(), page, size, total);
    }

    private static MeetingView meeting(Object[] r) {
        return new MeetingView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), MeetingKind.valueOf((String) r[2]), date(r[3]),
                (String) r[4], ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), (String) r[7], SqlValues.timestamp(r[8]));
    }

    public MeetingView recordMeeting(long organizationId, MeetingInput in) {
        Organization o = organization(organizationId);
        List<Problem.FieldError> errors = new ArrayList<>();
        notFuture(errors, "heldOn", in.heldOn(), EARLIEST_MEETING);
        if (in.attendees() > in.expected()) {
            errors.add(new Problem.FieldError("attendees", "实到人数不能多于应到人数 (" + in.expected() + ") / must not exceed expected ("
                    + in.expected() + ")"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        long id = ((Number) em.createNativeQuery("SELECT nextval('meeting_seq')").getSingleResult()).longValue();
        em.createNativeQuery("""
                INSERT INTO meeting (id, organization_id, county_code, kind, held_on, topic, attendees, expected, recorded_by)
                VALUES (:id, :org, :county, :kind, :heldOn, :topic, :attendees, :expected, :by)""")
                .setParameter("id", id).setParameter("org", o.id).setParameter("county", o.countyCode)
                .setParameter("kind", in.kind().name()).setParameter("heldOn", sql(in.heldOn())).setParameter("topic", in.topic().strip())
                .setParameter("attendees", in.attendees()).setParameter("expected", in.expected()).setParameter("by", caller.username())
                .executeUpdate();
        audit.record(caller.username(), "MEETING_RECORDED", o.countyCode, null, o.id, null, null,
                "{\"meetingId\":" + id + ",\"kind\":\"" + in.kind().name() + "\",\"heldOn\":\"" + in.heldOn() + "\"}");
        return meeting(id);
    }

    private MeetingView meeting(long id) {
        Object[] r = (Object[]) em.createNativeQuery(MEETING_SELECT + " WHERE id = :id").setParameter("id", id).getSingleResult();
        return meeting(r);
    }

    public void deleteMeeting(long organizationId, long meetingId, String reason) {
        Organization o = organization(organizationId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT kind, held_on FROM meeting WHERE id = :id AND organization_id = :org AND deleted_at IS NULL FOR UPDATE")
                .setParameter("id", meetingId).setParameter("org", o.id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("会议 " + meetingId + " 不存在 / Meeting " + meetingId + " does not exist");
        }
        em.createNativeQuery("UPDATE meeting SET deleted_at = now(), deleted_by = :by, delete_reason = :reason WHERE id = :id")
                .setParameter("by", caller.username()).setParameter("reason", reason).setParameter("id", meetingId).executeUpdate();
        audit.record(caller.username(), "MEETING_DELETED", o.countyCode, null, o.id, null, reason,
                "{\"meetingId\":" + meetingId + ",\"kind\":\"" + rows.get(0)[0] + "\",\"heldOn\":\"" + date(rows.get(0)[1]) + "\"}");
    }

    // ---- venue --------------------------------------------------------------------------------

    private static final String VENUE_SELECT = "SELECT name, address, area_m2, registered_on, revision, updated_by, updated_at, "
            + String.join(", ", OrgDataDtos.CHECKLIST_COLUMNS) + " FROM venue WHERE organization_id = :org";

    @Transactional(Transactional.TxType.SUPPORTS)
    public VenueView venue(long organizationId) {
        Organization o = organization(organizationId);
        VenueView v = findVenue(o);
        if (v == null) {
            throw new ProblemException(404, Problems.NOT_FOUND, "未找到 / Not found",
                    "该组织尚未登记活动场所 / No activity venue is registered for organisation " + o.id, List.of(),
                    Map.of("venueRegistered", false));
        }
        return v;
    }

    private VenueView findVenue(Organization o) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(VENUE_SELECT).setParameter("org", o.id).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        boolean[] items = new boolean[OrgDataDtos.CHECKLIST_COLUMNS.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = (Boolean) r[7 + i];
        }
        VenueChecklist checklist = VenueChecklist.of(items);
        return new VenueView(OrganizationRef.of(o), (String) r[0], (String) r[1], ((BigDecimal) r[2]).toPlainString(), date(r[3]),
                checklist, checklist.score(), ((Number) r[4]).longValue(), (String) r[5], SqlValues.timestamp(r[6]));
    }

    public Written<VenueView> putVenue(long organizationId, Long ifMatch, boolean ifMatchGiven, VenueInput in) {
        Organization o = organization(organizationId);
        List<Problem.FieldError> errors = new ArrayList<>();
        notFuture(errors, "registeredOn", in.registeredOn(), EARLIEST);
        BigDecimal area = new BigDecimal(in.areaSquareMeters());
        if (area.signum() <= 0) {
            errors.add(new Problem.FieldError("areaSquareMeters", "必须大于 0 / must be greater than 0"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        VenueView current = findVenue(o);
        boolean[] items = in.checklist().items();
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        StringBuilder sets = new StringBuilder();
        for (int i = 0; i < items.length; i++) {
            String c = OrgDataDtos.CHECKLIST_COLUMNS.get(i);
            columns.append(", ").append(c);
            values.append(", :c").append(i);
            sets.append(", ").append(c).append(" = :c").append(i);
        }
        Query q;
        boolean created;
        if (current == null) {
            if (ifMatchGiven && ifMatch != 0) {
                throw ProblemException.stale(null);
            }
            q = em.createNativeQuery("INSERT INTO venue (organization_id, county_code, name, address, area_m2, registered_on, updated_by"
                    + columns + ") VALUES (:org, :county, :name, :address, :area, :registeredOn, :by" + values
                    + ") ON CONFLICT (organization_id) DO NOTHING");
            q.setParameter("county", o.countyCode);
            created = true;
        } else {
            if (!ifMatchGiven) {
                bastion.common.Revisions.ifMatch(null);
            }
            if (ifMatch != current.revision()) {
                throw ProblemException.stale(current);
            }
            q = em.createNativeQuery("UPDATE venue SET name = :name, address = :address, area_m2 = :area, registered_on = :registeredOn, "
                    + "updated_by = :by, updated_at = now(), revision = revision + 1" + sets
                    + " WHERE organization_id = :org AND revision = :revision");
            q.setParameter("revision", ifMatch);
            created = false;
        }
        q.setParameter("org", o.id).setParameter("name", in.name().strip()).setParameter("address", in.address().strip())
                .setParameter("area", area).setParameter("registeredOn", sql(in.registeredOn())).setParameter("by", caller.username());
        for (int i = 0; i < items.length; i++) {
            q.setParameter("c" + i, items[i]);
        }
        if (q.executeUpdate() == 0) {
            throw ProblemException.stale(findVenue(o));
        }
        VenueView view = findVenue(o);
        audit.record(caller.username(), created ? "VENUE_REGISTERED" : "VENUE_CHANGED", o.countyCode, null, o.id, null, null,
                "{\"revision\":" + view.revision() + ",\"checklistMet\":" + view.score().met() + "}");
        return new Written<>(view, created, view.revision());
    }

    // ---- helpers ------------------------------------------------------------------------------

    static Date sql(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return ((Date) value).toLocalDate();
    }

}
