package bastion.screening;

import bastion.common.SqlValues;
import bastion.common.Page;
import bastion.common.Problem;
import bastion.common.ProblemException;
import bastion.common.Today;
import bastion.cycle.CycleEntity;
import bastion.lagging.CatalogueDtos.CatalogueView;
import bastion.lagging.CatalogueDtos.Criterion;
import bastion.lagging.CatalogueDtos.ScreeningRule;
import bastion.lagging.CatalogueService;
import bastion.lagging.FindingLedger;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.orgdata.OrgDataDtos.MeetingKind;
import bastion.screening.ScreeningDtos.CriterionCount;
import bastion.screening.ScreeningDtos.Proposal;
import bastion.screening.ScreeningDtos.RunView;
import bastion.screening.ScreeningDtos.ScreeningRunInput;
import bastion.screening.ScreeningDtos.Trigger;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 智能排查: a run over a township, county or city proposes SUSPECTED findings from data, through
 * {@link FindingLedger#raise}, and never confirms. Each rule is one set-based query over the
 * subtree per catalogue in force (per county: a county may have a variant); the exact rule
 * boundaries and the keys that stop a proposal being made twice are in
 * docs/decisions/0009-screening-rules.md. The run and its proposals are stored once, at the end,
 * in the run's transaction.
 */
@ApplicationScoped
@Transactional
public class ScreeningService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ScreeningService.class);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    CatalogueService catalogues;

    @Inject
    FindingLedger ledger;

    @Inject
    Today today;

    @Inject
    ObjectMapper json;

    /** One organisation whose data trigger a rule. */
    private record Candidate(OrganizationRef organization, String countyCode, String key, String reason, Trigger trigger) {
        long organizationId() {
            return organization.id();
        }
    }

    /** Every rule query selects first the organisation's id, code, name, level, county code. */
    private static OrganizationRef ref(Object[] r) {
        return new OrganizationRef(((Number) r[0]).longValue(), (String) r[1], (String) r[2], Organization.Level.valueOf((String) r[3]));
    }

    /** The counties (and their catalogue) a run covers. */
    private record Group(CatalogueView catalogue, List<Organization> counties) {
        List<String> codes() {
            return counties.stream().map(c -> c.countyCode).toList();
        }
    }

    public RunView run(ScreeningRunInput in) {
        long started = System.nanoTime();
        List<Problem.FieldError> errors = new ArrayList<>();
        Organization scope = Organization.findById(in.organizationId());
        if (scope == null || !caller.jurisdiction().covers(scope)) {
            errors.add(new Problem.FieldError("organizationId", "不存在或不在您的管辖范围内 / no such organisation in your jurisdiction"));
        } else if (scope.level == Organization.Level.VILLAGE) {
            errors.add(new Problem.FieldError("organizationId", "排查对象是乡镇、县或市 / screening runs over a township, a county or the city"));
        }
        LocalDate asOf = in.asOf() == null ? today.date() : in.asOf();
        if (asOf.isAfter(today.date())) {
            errors.add(new Problem.FieldError("asOf", "不能晚于今天 (" + today.date() + ") / must not be in the future (today is " + today.date() + ")"));
        } else if (asOf.getYear() < 2000) {
            errors.add(new Problem.FieldError("asOf", "不能早于 2000 年 / must not be before 2000"));
        }
        CycleEntity requested = null;
        if (in.cycleId() != null) {
            requested = CycleEntity.findById(in.cycleId());
            Organization owner = requested == null ? null : Organization.findById(requested.jurisdictionId);
            boolean related = owner != null && caller.jurisdiction().isRelated(owner.path) && scope != null
                    && (scope.path.startsWith(owner.path) || owner.path.startsWith(scope.path));
            if (!related) {
                errors.add(new Problem.FieldError("cycleId", "周期不存在或与排查范围无关 / no such cycle covering the screened organisations"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }

        long runId = ((Number) em.createNativeQuery("SELECT nextval('orgdata_seq')").getSingleResult()).longValue();
        int year = asOf.getYear();
        String prefix = scope.path + "%";
        FindingLedger.Actor actor = new FindingLedger.Actor(caller.username(), caller.displayName());

        Map<String, Integer> graded = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> countRows = em.createNativeQuery(
                "SELECT county_code, count(*) FROM organization WHERE path LIKE :prefix AND graded GROUP BY county_code")
                .setParameter("prefix", prefix).getResultList();
        countRows.forEach(r -> graded.put((String) r[0], ((Number) r[1]).intValue()));

        Map<String, Group> groups = new LinkedHashMap<>();
        for (Organization county : counties(scope)) {
            CatalogueView catalogue = catalogues.effective(county, year);
            groups.computeIfAbsent(catalogue.label(), l -> new Group(catalogue, new ArrayList<>())).counties().add(county);
        }

        Map<String, CriterionCount> counts = new LinkedHashMap<>();
        List<Proposal> proposals = new ArrayList<>();
        List<Long> cyclesUsed = new ArrayList<>();
        for (Group group : groups.values()) {
            int examinedAll = group.codes().stream().mapToInt(c -> graded.getOrDefault(c, 0)).sum();
            for (Criterion criterion : group.catalogue().definition().criteria()) {
                if (criterion.screening() == null) {
                    continue;
                }
                FindingLedger.Criterion copied = new FindingLedger.Criterion(group.catalogue().id(), group.catalogue().label(), year,
                        criterion.code(), criterion.title(), criterion.classifiesDirectly());
                ScreeningRule rule = criterion.screening().rule();
                int examined = examinedAll;
                List<Candidate> candidates;
                switch (rule) {
                    case SECRETARY_VACANCY -> candidates = vacancies(criterion, prefix, group.codes(), asOf);
                    case NO_MEETINGS -> candidates = noMeetings(criterion, prefix, group.codes(), asOf);
                    case NO_VENUE -> candidates = noVenue(criterion, prefix, group.codes(), asOf);
                    default -> {
                        candidates = new ArrayList<>();
                        examined = 0;
                        BigDecimal percent = new BigDecimal(criterion.screening().percent());
                        if (requested != null) {
                            int[] seen = new int[1];
                            candidates.addAll(lowSatisfaction(criterion, prefix, group.codes(), requested.id, percent, asOf, seen));
                            examined += seen[0];
                            if (seen[0] > 0 && !cyclesUsed.contains(requested.id)) {
                                cyclesUsed.add(requested.id);
                            }
                        } else {
                            for (Organization county : group.counties()) {
                                Long cycle = defaultCycle(county, year);
                                if (cycle == null) {
                                    continue;
                                }
                                int[] seen = new int[1];
                                candidates.addAll(lowSatisfaction(criterion, prefix, List.of(county.countyCode), cycle, percent, asOf, seen));
                                examined += seen[0];
                                if (seen[0] > 0 && !cyclesUsed.contains(cycle)) {
                                    cyclesUsed.add(cycle);
                                }
                            }
                        }
                    }
                }
                CriterionCount count = propose(runId, copied, rule, candidates, actor, proposals, examined);
                counts.merge(criterion.code() + "|" + rule, count, CriterionCount::plus);
            }
        }

        int proposed = proposals.size();
        int already = counts.values().stream().mapToInt(CriterionCount::alreadyProposed).sum();
        int skipped = counts.values().stream().mapToInt(CriterionCount::skipped).sum();
        int examined = graded.values().stream().mapToInt(Integer::intValue).sum();
        int millis = (int) ((System.nanoTime() - started) / 1_000_000);
        em.createNativeQuery("""
                INSERT INTO screening_run (id, organization_id, county_code, scope_path, as_of, requested_cycle_id, cycle_ids, catalogues,
                    run_by, duration_ms, examined, proposed, already_proposed, skipped, criteria)
                VALUES (:id, :org, :county, :path, :asOf, CAST(:cycle AS bigint), CAST(CAST(:cycles AS text) AS bigint[]),
                    CAST(CAST(:catalogues AS text) AS varchar(40)[]), :by, :millis, :examined, :proposed, :already, :skipped,
                    CAST(CAST(:criteria AS text) AS jsonb))""")
                .setParameter("id", runId).setParameter("org", scope.id).setParameter("county", scope.countyCode)
                .setParameter("path", scope.path).setParameter("asOf", Date.valueOf(asOf))
                .setParameter("cycle", requested == null ? null : requested.id)
                .setParameter("cycles", "{" + String.join(",", cyclesUsed.stream().map(String::valueOf).toList()) + "}")
                .setParameter("catalogues", "{" + String.join(",", groups.keySet()) + "}")
                .setParameter("by", caller.username()).setParameter("millis", millis).setParameter("examined", examined)
                .setParameter("proposed", proposed).setParameter("already", already).setParameter("skipped", skipped)
                .setParameter("criteria", write(new ArrayList<>(counts.values())))
                .executeUpdate();
        if (!proposals.isEmpty()) {
            // one statement for all proposals (arrays in parallel)
            em.createNativeQuery("""
                    INSERT INTO screening_proposal (run_id, finding_id, organization_id, county_code, criterion_code, criterion_title, rule,
                        reason, trigger_data)
                    SELECT :run, p.finding, p.org, o.county_code, p.code, p.title, p.rule, p.reason, CAST(p.trigger AS jsonb)
                    FROM unnest(CAST(:findings AS bigint[]), CAST(:orgs AS bigint[]), CAST(:codes AS text[]), CAST(:titles AS text[]),
                                CAST(:rules AS text[]), CAST(:reasons AS text[]), CAST(:triggers AS text[]))
                         AS p (finding, org, code, title, rule, reason, trigger)
                    JOIN organization o ON o.id = p.org""")
                    .setParameter("run", runId)
                    .setParameter("findings", proposals.stream().mapToLong(Proposal::findingId).toArray())
                    .setParameter("orgs", proposals.stream().mapToLong(p -> p.organization().id()).toArray())
                    .setParameter("codes", proposals.stream().map(Proposal::criterionCode).toArray(String[]::new))
                    .setParameter("titles", proposals.stream().map(Proposal::criterionTitle).toArray(String[]::new))
                    .setParameter("rules", proposals.stream().map(p -> p.rule().name()).toArray(String[]::new))
                    .setParameter("reasons", proposals.stream().map(Proposal::reason).toArray(String[]::new))
                    .setParameter("triggers", proposals.stream().map(p -> write(p.triggerData())).toArray(String[]::new))
                    .executeUpdate();
        }
        LOG.infof("screening run %d over organisation %d (asOf %s): %d examined, %d proposed, %d already proposed, %d skipped; "
                + "rules in %d ms, stored in %d ms", runId, scope.id, asOf, examined, proposed, already, skipped, millis,
                (System.nanoTime() - started) / 1_000_000 - millis);
        return get(caller.jurisdiction(), runId);
    }

    /** The counties under (or above, for a township) the screened organisation. */
    private List<Organization> counties(Organization scope) {
        return switch (scope.level) {
            case CITY -> Organization.<Organization>list("parentId = ?1 and level = ?2 order by id", scope.id, Organization.Level.COUNTY);
            case COUNTY -> List.of(scope);
            default -> List.of((Organization) Organization.findById(scope.pathIds()[1]));
        };
    }

    /**
     * Checks which candidates were proposed before (same key: nothing, whatever became of that
     * finding) or have a live finding of the criterion (skipped), and proposes the others.
     */
    private CriterionCount propose(long runId, FindingLedger.Criterion criterion, ScreeningRule rule, List<Candidate> candidates,
            FindingLedger.Actor actor, List<Proposal> proposals, int examined) {
        int proposed = 0;
        int already = 0;
        int skipped = 0;
        Set<String> seenKeys = new HashSet<>();
        Set<Long> alive = new HashSet<>();
        if (!candidates.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<String> keys = em.createNativeQuery("SELECT screening_key FROM finding WHERE screening_key IN (:keys)")
                    .setParameter("keys", candidates.stream().map(Candidate::key).toList()).getResultList();
            seenKeys.addAll(keys);
            @SuppressWarnings("unchecked")
            List<Number> orgs = em.createNativeQuery("""
                    SELECT organization_id FROM finding WHERE criterion_code = :code AND organization_id IN (:orgs)
                      AND state IN ('SUSPECTED', 'CONFIRMED', 'RECTIFYING', 'ACCEPTED')""")
                    .setParameter("code", criterion.code())
                    .setParameter("orgs", candidates.stream().map(Candidate::organizationId).toList()).getResultList();
            orgs.forEach(n -> alive.add(n.longValue()));
        }
        List<FindingLedger.Proposal> toRaise = new ArrayList<>();
        java.util.Map<String, Candidate> byKey = new java.util.HashMap<>();
        for (Candidate c : candidates) {
            if (seenKeys.contains(c.key())) {
                already++;
                continue;
            }
            if (alive.contains(c.organizationId())) {
                skipped++;
                continue;
            }
            toRaise.add(new FindingLedger.Proposal(c.organizationId(), c.countyCode(), c.key(), c.reason(), write(c.trigger())));
            byKey.put(c.key(), c);
        }
        List<FindingLedger.Proposed> raised = new ArrayList<>(ledger.proposeAll(criterion, actor, runId, toRaise));
        java.util.Map<String, Integer> order = new java.util.HashMap<>();
        for (int i = 0; i < toRaise.size(); i++) {
            order.put(toRaise.get(i).screeningKey(), i);
        }
        raised.sort(java.util.Comparator.comparing(r -> order.get(r.screeningKey())));
        skipped += toRaise.size() - raised.size();          // raised concurrently by someone else
        for (FindingLedger.Proposed r : raised) {
            Candidate c = byKey.get(r.screeningKey());
            proposed++;
            proposals.add(new Proposal(r.findingId(), c.organization(), criterion.code(), criterion.title(), rule, c.reason(),
                    c.trigger()));
        }
        return new CriterionCount(criterion.code(), criterion.title(), rule, examined, candidates.size(), proposed, already, skipped);
    }

    // ---- the rules ----------------------------------------------------------------------------

    /** SECRETARY_VACANCY(days): the 书记 post is vacant and asOf − vacantSince > days. */
    private List<Candidate> vacancies(Criterion criterion, String prefix, List<String> counties, LocalDate asOf) {
        int days = criterion.screening().days();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT o.id, o.code, o.name, o.level, o.county_code, p.id, p.vacant_since
                FROM leadership_post p JOIN organization o ON o.id = p.organization_id
                WHERE o.path LIKE :prefix AND o.graded AND o.county_code IN (:counties)
                  AND p.post = 'SECRETARY' AND p.vacant_since IS NOT NULL AND p.vacant_since < :limit
                ORDER BY o.division_code""")
                .setParameter("prefix", prefix).setParameter("counties", counties)
                .setParameter("limit", Date.valueOf(asOf.minusDays(days))).getResultList();
        List<Candidate> out = new ArrayList<>();
        for (Object[] r : rows) {
            long postId = ((Number) r[5]).longValue();
            LocalDate since = date(r[6]);
            int vacant = (int) ChronoUnit.DAYS.between(since, asOf);
            String reason = "书记岗位自 " + since + " 起空缺 " + vacant + " 天 (> " + days + "), 截至 " + asOf
                    + " / Secretary post vacant since " + since + ": " + vacant + " days (> " + days + ") as of " + asOf;
            out.add(new Candidate(ref(r), (String) r[4], criterion.code() + "|post:" + postId + "|" + since, reason,
                    new Trigger(ScreeningRule.SECRETARY_VACANCY, asOf, postId, since, vacant, days, null, null, null, null, null, null, null, null,
                            null, null)));
        }
        return out;
    }

    /**
     * NO_MEETINGS(months): no 三会一课 meeting in the {@code months} complete calendar months before
     * asOf's month; the last meeting before asOf's month is reported (and keys the proposal).
     */
    private List<Candidate> noMeetings(Criterion criterion, String prefix, List<String> counties, LocalDate asOf) {
        int months = criterion.screening().months();
        LocalDate monthStart = asOf.withDayOfMonth(1);
        LocalDate windowFrom = monthStart.minusMonths(months);
        LocalDate windowTo = monthStart.minusDays(1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, code, name, level, county_code, last FROM (
                    SELECT o.id, o.code, o.name, o.level, o.county_code, o.division_code,
                           (SELECT max(m.held_on) FROM meeting m
                            WHERE m.organization_id = o.id AND m.deleted_at IS NULL AND m.kind IN (:kinds)
                              AND m.held_on < :monthStart) AS last
                    FROM organization o
                    WHERE o.path LIKE :prefix AND o.graded AND o.county_code IN (:counties)) x
                WHERE last IS NULL OR last < :windowFrom
                ORDER BY division_code""")
                .setParameter("prefix", prefix).setParameter("counties", counties).setParameter("kinds", MeetingKind.SAN_HUI_YI_KE)
                .setParameter("monthStart", Date.valueOf(monthStart)).setParameter("windowFrom", Date.valueOf(windowFrom))
                .getResultList();
        List<Candidate> out = new ArrayList<>();
        for (Object[] r : rows) {
            long org = ((Number) r[0]).longValue();
            LocalDate last = date(r[5]);
            String reason = windowFrom + " 至 " + windowTo + " 连续 " + months + " 个月无三会一课记录 ("
                    + (last == null ? "从未记录" : "最近一次 " + last) + ") / No 三会一课 meeting in the " + months + " months "
                    + windowFrom + " to " + windowTo + " (" + (last == null ? "none ever recorded" : "last on " + last) + ")";
            out.add(new Candidate(ref(r), (String) r[4], criterion.code() + "|org:" + org + "|last:" + (last == null ? "none" : last), reason,
                    new Trigger(ScreeningRule.NO_MEETINGS, asOf, null, null, null, null, months, windowFrom, windowTo, last, null, null, null,
                            null, null, null)));
        }
        return out;
    }

    /** NO_VENUE: no activity venue registered (none, or registered after asOf). */
    private List<Candidate> noVenue(Criterion criterion, String prefix, List<String> counties, LocalDate asOf) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT o.id, o.code, o.name, o.level, o.county_code FROM organization o LEFT JOIN venue v ON v.organization_id = o.id
                WHERE o.path LIKE :prefix AND o.graded AND o.county_code IN (:counties)
                  AND (v.organization_id IS NULL OR v.registered_on > :asOf)
                ORDER BY o.division_code""")
                .setParameter("prefix", prefix).setParameter("counties", counties).setParameter("asOf", Date.valueOf(asOf)).getResultList();
        List<Candidate> out = new ArrayList<>();
        int year = asOf.getYear();
        for (Object[] r : rows) {
            long org = ((Number) r[0]).longValue();
            String reason = "截至 " + asOf + " 未登记组织活动场所 / No activity venue registered as of " + asOf;
            out.add(new Candidate(ref(r), (String) r[4], criterion.code() + "|org:" + org + "|" + year, reason,
                    new Trigger(ScreeningRule.NO_VENUE, asOf, null, null, null, null, null, null, null, null, year, null, null, null, null,
                            null)));
        }
        return out;
    }

    /** LOW_MASSES_SATISFACTION(percent): the cycle's scorecard has masses' totals and satisfied × 100 < percent × respondents. */
    private List<Candidate> lowSatisfaction(Criterion criterion, String prefix, List<String> counties, long cycleId, BigDecimal percent,
            LocalDate asOf, int[] examined) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT o.id, o.code, o.name, o.level, o.county_code, s.masses_respondents, s.masses_satisfied
                FROM scorecard s JOIN organization o ON o.id = s.organization_id
                WHERE s.cycle_id = :cycle AND o.path LIKE :prefix AND o.graded AND o.county_code IN (:counties)
                  AND s.masses_respondents IS NOT NULL
                ORDER BY o.division_code""")
                .setParameter("cycle", cycleId).setParameter("prefix", prefix).setParameter("counties", counties).getResultList();
        examined[0] = rows.size();
        List<Candidate> out = new ArrayList<>();
        String threshold = percent.stripTrailingZeros().toPlainString();
        for (Object[] r : rows) {
            int respondents = ((Number) r[5]).intValue();
            int satisfied = ((Number) r[6]).intValue();
            if (BigDecimal.valueOf(satisfied).multiply(HUNDRED).compareTo(percent.multiply(BigDecimal.valueOf(respondents))) >= 0) {
                continue;
            }
            long org = ((Number) r[0]).longValue();
            String rate = BigDecimal.valueOf(satisfied).multiply(HUNDRED).divide(BigDecimal.valueOf(respondents), 2, RoundingMode.HALF_UP)
                    .toPlainString();
            String reason = "周期 " + cycleId + " 群众评议满意度 " + satisfied + "/" + respondents + " = " + rate + "% (< " + threshold
                    + "%) / Masses' satisfaction in cycle " + cycleId + ": " + satisfied + "/" + respondents + " = " + rate + "% (< "
                    + threshold + "%)";
            out.add(new Candidate(ref(r), (String) r[4], criterion.code() + "|org:" + org + "|cycle:" + cycleId, reason,
                    new Trigger(ScreeningRule.LOW_MASSES_SATISFACTION, asOf, null, null, null, null, null, null, null, null, null, cycleId,
                            respondents, satisfied, rate, threshold)));
        }
        return out;
    }

    /** The newest cycle of {@code year} or before covering the county that has masses' totals for it. */
    private Long defaultCycle(Organization county, int year) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                SELECT c.id FROM cycle c JOIN organization j ON j.id = c.jurisdiction_id
                WHERE :path LIKE j.path || '%' AND c.year <= :year
                  AND EXISTS (SELECT 1 FROM scorecard s WHERE s.cycle_id = c.id AND s.county_code = :county
                              AND s.masses_respondents IS NOT NULL)
                ORDER BY c.year DESC, CASE c.phase WHEN 'ANNUAL' THEN 1 ELSE 0 END DESC, c.id DESC LIMIT 1""")
                .setParameter("path", county.path).setParameter("year", year).setParameter("county", county.countyCode).getResultList();
        return ids.isEmpty() ? null : ids.get(0).longValue();
    }

    // ---- reads --------------------------------------------------------------------------------

    private static final String RUN_SELECT = """
            SELECT r.id, r.organization_id, r.as_of, r.requested_cycle_id, array_to_string(r.cycle_ids, ','),
                   array_to_string(r.catalogues, ','), r.run_by, r.run_at, r.duration_ms, r.examined, r.proposed, r.already_proposed,
                   r.skipped, CAST(r.criteria AS text), r.scope_path
            FROM screening_run r""";

    @Transactional(Transactional.TxType.SUPPORTS)
    public RunView get(Jurisdiction scope, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(RUN_SELECT + " WHERE r.id = :id").setParameter("id", id).getResultList();
        if (rows.isEmpty() || !scope.covers((String) rows.get(0)[14])) {
            throw ProblemException.notFound("排查 " + id + " 不存在或不在您的管辖范围内 / Screening run " + id + " does not exist in your jurisdiction");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> proposalRows = em.createNativeQuery("""
                SELECT o.id, o.code, o.name, o.level, p.finding_id, p.criterion_code, p.criterion_title, p.rule, p.reason,
                       CAST(p.trigger_data AS text)
                FROM screening_proposal p JOIN organization o ON o.id = p.organization_id
                WHERE p.run_id = :id ORDER BY p.criterion_code, o.division_code, p.finding_id""")
                .setParameter("id", id).getResultList();
        List<Proposal> proposals = new ArrayList<>();
        for (Object[] p : proposalRows) {
            proposals.add(new Proposal(((Number) p[4]).longValue(), ref(p), (String) p[5], (String) p[6],
                    ScreeningRule.valueOf((String) p[7]), (String) p[8], read((String) p[9], Trigger.class)));
        }
        return view(rows.get(0), proposals);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RunView> list(Jurisdiction scope, Long under, int page, int size) {
        String prefix = scope.pathPrefix();
        if (under != null) {
            Organization o = Organization.findById(under);
            if (o == null || !scope.covers(o)) {
                throw ProblemException.notFound("组织 " + under + " 不存在或不在您的管辖范围内 / Organisation " + under + " does not exist in your jurisdiction");
            }
            prefix = o.path;
        }
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM screening_run WHERE scope_path LIKE :prefix")
                .setParameter("prefix", prefix + "%").getSingleResult()).longValue();
        Query q = em.createNativeQuery(RUN_SELECT + " WHERE r.scope_path LIKE :prefix ORDER BY r.run_at DESC, r.id DESC LIMIT :limit OFFSET :offset")
                .setParameter("prefix", prefix + "%").setParameter("limit", size).setParameter("offset", (long) (page - 1) * size);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return Page.of(rows.stream().map(r -> view(r, null)).toList(), page, size, total);
    }

    private RunView view(Object[] r, List<Proposal> proposals) {
        Organization o = Organization.findById(((Number) r[1]).longValue());
        List<Long> cycles = ((String) r[4]).isEmpty() ? List.of() : Arrays.stream(((String) r[4]).split(",")).map(Long::valueOf).toList();
        List<String> labels = ((String) r[5]).isEmpty() ? List.of() : List.of(((String) r[5]).split(","));
        List<CriterionCount> criteria = Arrays.asList(read((String) r[13], CriterionCount[].class));
        return new RunView(((Number) r[0]).longValue(), OrganizationRef.of(o), date(r[2]), r[3] == null ? null : ((Number) r[3]).longValue(),
                cycles, labels, (String) r[6], SqlValues.timestamp(r[7]), ((Number) r[8]).intValue(), ((Number) r[9]).intValue(),
                ((Number) r[10]).intValue(), ((Number) r[11]).intValue(), ((Number) r[12]).intValue(), criteria, proposals);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored screening data unreadable", e);
        }
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

}
