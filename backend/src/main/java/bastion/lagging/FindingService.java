package bastion.lagging;

import bastion.common.SqlValues;
import bastion.common.Page;
import bastion.common.Problem;
import bastion.common.ProblemException;
import bastion.common.Today;
import bastion.lagging.FindingDtos.Attachment;
import bastion.lagging.FindingDtos.BulkFindingResult;
import bastion.lagging.FindingDtos.BulkFindingTransition;
import bastion.lagging.FindingDtos.BulkItem;
import bastion.lagging.FindingDtos.BulkItemResult;
import bastion.lagging.FindingDtos.Decision;
import bastion.lagging.FindingDtos.FindingEvent;
import bastion.lagging.FindingDtos.FindingInput;
import bastion.lagging.FindingDtos.FindingPage;
import bastion.lagging.FindingDtos.FindingSummary;
import bastion.lagging.FindingDtos.FindingTransition;
import bastion.lagging.FindingDtos.FindingView;
import bastion.lagging.FindingLedger.Action;
import bastion.lagging.FindingLedger.Actor;
import bastion.lagging.FindingLedger.State;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import bastion.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings (DOMAIN §3): raising suspicions, confirming and dismissing them, reading them with
 * their timeline. Who may do what is decided here; states change only through {@link FindingLedger}.
 */
@ApplicationScoped
@Transactional
public class FindingService {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    FindingLedger ledger;

    @Inject
    CatalogueService catalogues;

    @Inject
    Today today;

    @Inject
    ObjectMapper json;

    /** Raising and attaching evidence: township officials, county and city admins. */
    public boolean mayRaise() {
        return caller.has(Roles.TOWNSHIP_OFFICIAL) || caller.has(Roles.COUNTY_ADMIN) || caller.has(Roles.CITY_ADMIN);
    }

    /** The decisions the caller may take on a finding in this state. */
    public List<Decision> allowed(State state) {
        if (state != State.SUSPECTED) {
            return List.of();
        }
        List<Decision> out = new ArrayList<>();
        if (caller.has(Roles.COUNTY_ADMIN)) {
            out.add(Decision.CONFIRM);
        }
        if (caller.has(Roles.COUNTY_ADMIN) || caller.has(Roles.TOWNSHIP_OFFICIAL)) {
            out.add(Decision.DISMISS);
        }
        return out;
    }

    private Actor actor() {
        return new Actor(caller.username(), caller.displayName());
    }

    public FindingView raise(FindingInput input) {
        if (!mayRaise()) {
            throw ProblemException.forbidden("只有乡镇干部和县、市组织部门可以提出疑似问题 / Only township officials and county or city admins may raise suspicions");
        }
        Organization org = Organization.findById(input.organizationId());
        if (org == null || !caller.jurisdiction().covers(org)) {
            throw ProblemException.invalid("organizationId", "不存在或不在您的管辖范围内 / no such organisation in your jurisdiction");
        }
        if (!org.graded) {
            throw ProblemException.invalid("organizationId", "只有村(社区)党组织可以认定为后进 / only village and community organisations are classified");
        }
        int year = input.year() == null ? today.date().getYear() : input.year();
        FindingLedger.Criterion criterion = catalogues.criterion(org, year, input.criterionCode(), "criterionCode");
        FindingLedger.Moved moved = ledger.raise(org.id, org.countyCode, criterion, actor(), input.reason(), input.evidence(), null, null,
                null, false);
        return view(caller.jurisdiction(), moved.findingId());
    }

    public FindingView transition(long id, long ifMatch, FindingTransition t) {
        Row row = require(caller.jurisdiction(), id);
        check(row, t.action());
        long[] attachments = attachmentIds(id, t.attachmentIds());
        ledger.move(id, action(t.action()), ifMatch, actor(), t.reason(), t.evidence(), attachments,
                () -> view(caller.jurisdiction(), id));
        return view(caller.jurisdiction(), id);
    }

    /** Every item on its own transaction: one failing item leaves nothing of itself and does not stop the others. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public BulkFindingResult bulk(BulkFindingTransition t, java.util.function.Function<BulkItem, BulkItemResult> single) {
        List<BulkItemResult> results = new ArrayList<>();
        int ok = 0;
        for (BulkItem item : t.items()) {
            BulkItemResult r = single.apply(item);
            if (r.status() == 200) {
                ok++;
            }
            results.add(r);
        }
        return new BulkFindingResult(ok, results.size() - ok, results);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public BulkItemResult bulkItem(BulkFindingTransition t, BulkItem item) {
        Row row = require(caller.jurisdiction(), item.findingId());
        check(row, t.action());
        FindingLedger.Moved moved = ledger.move(item.findingId(), action(t.action()), item.revision(), actor(), t.reason(), t.evidence(),
                new long[0], null);
        return new BulkItemResult(item.findingId(), 200, moved.to(), moved.revision(), null);
    }

    private void check(Row row, Decision decision) {
        boolean may = switch (decision) {
            case CONFIRM -> caller.has(Roles.COUNTY_ADMIN);
            case DISMISS -> caller.has(Roles.COUNTY_ADMIN) || caller.has(Roles.TOWNSHIP_OFFICIAL);
        };
        if (!may) {
            throw ProblemException.forbidden(decision == Decision.CONFIRM
                    ? "只有县委组织部可以认定 / Only county admins may confirm a finding"
                    : "只有乡镇干部和县委组织部可以排除疑似问题 / Only township officials and county admins may dismiss a suspicion");
        }
    }

    private static Action action(Decision d) {
        return d == Decision.CONFIRM ? Action.CONFIRM : Action.DISMISS;
    }

    private long[] attachmentIds(long findingId, List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return new long[0];
        }
        Set<Long> known = new java.util.HashSet<>();
        for (Object n : em.createNativeQuery("SELECT id FROM finding_attachment WHERE finding_id = :f").setParameter("f", findingId)
                .getResultList()) {
            known.add(((Number) n).longValue());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) {
                errors.add(new Problem.FieldError("attachmentIds[" + i + "]", "不是该问题的附件 / is not a file of this finding"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return ids.stream().distinct().mapToLong(Long::longValue).toArray();
    }

    /** A finding's row and its organisation's path; 404 when missing or outside the scope. */
    record Row(long id, long organizationId, String path, State state, long revision, String countyCode) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public Row require(Jurisdiction scope, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT f.id, f.organization_id, o.path, f.state, f.revision, f.county_code
                FROM finding f JOIN organization o ON o.id = f.organization_id WHERE f.id = :id""")
                .setParameter("id", id).getResultList();
        if (rows.isEmpty() || !scope.covers((String) rows.get(0)[2])) {
            throw ProblemException.notFound("问题 " + id + " 不存在或不在您的管辖范围内 / Finding " + id + " does not exist in your jurisdiction");
        }
        Object[] r = rows.get(0);
        return new Row(id, ((Number) r[1]).longValue(), (String) r[2], State.valueOf((String) r[3]), ((Number) r[4]).longValue(),
                (String) r[5]);
    }

    private static final String SUMMARY_COLUMNS = """
            f.id, o.id, o.code, o.name, o.level, t.id, t.code, t.name, t.level, f.year, f.catalogue_label, f.criterion_code,
            f.criterion_title, f.classifies_directly, f.state, f.source, f.raised_by, f.raised_at, f.state_changed_at, f.revision""";

    private static FindingSummary summary(Object[] r) {
        OrganizationRef org = new OrganizationRef(((Number) r[1]).longValue(), (String) r[2], (String) r[3],
                Organization.Level.valueOf((String) r[4]));
        OrganizationRef township = r[5] == null ? null : new OrganizationRef(((Number) r[5]).longValue(), (String) r[6], (String) r[7],
                Organization.Level.valueOf((String) r[8]));
        return new FindingSummary(((Number) r[0]).longValue(), org, township, ((Number) r[9]).intValue(), (String) r[10], (String) r[11],
                (String) r[12], (Boolean) r[13], State.valueOf((String) r[14]), (String) r[15], (String) r[16], SqlValues.timestamp(r[17]), SqlValues.timestamp(r[18]),
                ((Number) r[19]).longValue());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public FindingView view(Jurisdiction scope, long id) {
        Row row = require(scope, id);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + SUMMARY_COLUMNS + """
                , CAST(f.trigger_data AS text), f.screening_run_id
                FROM finding f JOIN organization o ON o.id = f.organization_id LEFT JOIN organization t ON t.id = o.parent_id
                WHERE f.id = :id""").setParameter("id", id).getResultList();
        Object[] r = rows.get(0);
        FindingSummary summary = summary(r);
        JsonNode trigger = null;
        if (r[20] != null) {
            try {
                trigger = json.readTree((String) r[20]);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Long run = r[21] == null ? null : ((Number) r[21]).longValue();
        List<FindingEvent> events = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> eventRows = em.createNativeQuery("""
                SELECT id, at, actor, actor_name, action, from_state, to_state, reason, evidence, CAST(attachment_ids AS text)
                FROM finding_event WHERE finding_id = :id ORDER BY id""").setParameter("id", id).getResultList();
        for (Object[] e : eventRows) {
            events.add(new FindingEvent(((Number) e[0]).longValue(), SqlValues.timestamp(e[1]), (String) e[2], (String) e[3], Action.valueOf((String) e[4]),
                    e[5] == null ? null : State.valueOf((String) e[5]), State.valueOf((String) e[6]), (String) e[7], (String) e[8],
                    longs((String) e[9])));
        }
        return new FindingView(summary, trigger, run, planOf(id), events, attachments(id), allowed(row.state()));
    }

    /** The rectification plan a finding belongs to, if any. */
    private Long planOf(long findingId) {
        List<?> ids = em.createNativeQuery("SELECT plan_id FROM plan_finding WHERE finding_id = :f").setParameter("f", findingId)
                .getResultList();
        return ids.isEmpty() ? null : ((Number) ids.get(0)).longValue();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Attachment> attachments(long findingId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, finding_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at
                FROM finding_attachment WHERE finding_id = :f ORDER BY id""").setParameter("f", findingId).getResultList();
        return rows.stream().map(FindingService::attachment).toList();
    }

    static Attachment attachment(Object[] a) {
        return new Attachment(((Number) a[0]).longValue(), ((Number) a[1]).longValue(), (String) a[2], (String) a[3],
                ((Number) a[4]).intValue(), ((String) a[5]).trim(), (String) a[6], SqlValues.timestamp(a[7]));
    }

    public record Filter(Long under, Long organizationId, List<State> states, String criterion, String source) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public FindingPage list(Jurisdiction scope, Filter filter, int page, int size) {
        String prefix = scope.pathPrefix();
        if (filter.under() != null) {
            Organization u = Organization.findById(filter.under());
            if (u == null || !scope.covers(u)) {
                throw ProblemException.notFound("组织 " + filter.under() + " 不在您的管辖范围内 / Organisation " + filter.under()
                        + " is not in your jurisdiction");
            }
            prefix = u.path;
        }
        if (filter.organizationId() != null) {
            Organization o = Organization.findById(filter.organizationId());
            if (o == null || !scope.covers(o)) {
                throw ProblemException.notFound("组织 " + filter.organizationId() + " 不在您的管辖范围内 / Organisation "
                        + filter.organizationId() + " is not in your jurisdiction");
            }
        }
        StringBuilder where = new StringBuilder(" WHERE o.path LIKE :prefix");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("prefix", prefix + "%");
        if (filter.organizationId() != null) {
            where.append(" AND f.organization_id = :org");
            params.put("org", filter.organizationId());
        }
        if (filter.criterion() != null) {
            where.append(" AND f.criterion_code = :criterion");
            params.put("criterion", filter.criterion());
        }
        if (filter.source() != null) {
            where.append(" AND f.source = :source");
            params.put("source", filter.source());
        }
        String from = " FROM finding f JOIN organization o ON o.id = f.organization_id LEFT JOIN organization t ON t.id = o.parent_id";
        Map<String, Long> counts = new LinkedHashMap<>();
        for (State s : State.values()) {
            counts.put(s.name(), 0L);
        }
        var countQuery = em.createNativeQuery("SELECT f.state, count(*)" + from + where + " GROUP BY f.state");
        params.forEach(countQuery::setParameter);
        for (Object r : countQuery.getResultList()) {
            Object[] row = (Object[]) r;
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        List<State> states = filter.states() == null || filter.states().isEmpty() ? Arrays.asList(State.values()) : filter.states();
        // the state names come from the enum, never from the request text
        String stateList = states.stream().map(s -> "'" + s.name() + "'").reduce((a, b) -> a + "," + b).orElseThrow();
        long total = states.stream().mapToLong(s -> counts.get(s.name())).sum();
        var pageQuery = em.createNativeQuery("SELECT " + SUMMARY_COLUMNS + from + where + " AND f.state IN (" + stateList + ")"
                + " ORDER BY f.state_changed_at DESC, f.id DESC LIMIT :limit OFFSET :offset");
        params.forEach(pageQuery::setParameter);
        pageQuery.setParameter("limit", size).setParameter("offset", (long) (page - 1) * size);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = pageQuery.getResultList();
        Page<FindingSummary> p = Page.of(rows.stream().map(FindingService::summary).toList(), page, size, total);
        return new FindingPage(p.items(), p.page(), p.size(), p.totalItems(), p.totalPages(), counts);
    }

    static List<State> parseStates(String raw) {
        if (raw == null) {
            return List.of();
        }
        EnumSet<State> set = EnumSet.noneOf(State.class);
        for (String part : raw.split(",")) {
            set.add(State.valueOf(part.trim()));
        }
        return List.copyOf(set);
    }

    private static List<Long> longs(String pgArray) {
        String inner = pgArray == null ? "" : pgArray.replaceAll("[{}]", "").trim();
        if (inner.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(inner.split(",")).map(String::trim).map(Long::valueOf).toList();
    }

}
