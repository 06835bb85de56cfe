package bastion.grading;

import bastion.audit.AuditLog;
import bastion.common.ProblemException;
import bastion.grading.GradingDtos.Target;
import bastion.grading.GradingDtos.TargetInput;
import bastion.grading.GradingDtos.TargetList;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import bastion.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Yearly grading targets per jurisdiction (DOMAIN §6): at least {@code minGoodShare} % in GOOD +
 * FAIRLY_GOOD and at most {@code maxPoorShare} % in POOR. Set by the city for itself and its
 * counties, by a county for its townships; a jurisdiction without its own uses the nearest
 * ancestor's, else the default 30 % / 20 %.
 */
@ApplicationScoped
@Transactional
public class TargetService {

    public static final BigDecimal DEFAULT_MIN_GOOD = new BigDecimal("30");
    public static final BigDecimal DEFAULT_MAX_POOR = new BigDecimal("20");

    public enum Source { OWN, INHERITED, DEFAULT }

    /** A jurisdiction's effective target and where it comes from ({@code from} null for the default). */
    public record Effective(BigDecimal minGood, BigDecimal maxPoor, Source source, Long fromId, Long revision) {}

    record Stored(BigDecimal minGood, BigDecimal maxPoor, long revision) {}

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    /** Every target set for the year, by organisation id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, Stored> stored(int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT organization_id, min_good_share, max_poor_share, revision FROM grading_target WHERE year = :y")
                .setParameter("y", year).getResultList();
        Map<Long, Stored> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put(((Number) r[0]).longValue(), new Stored((BigDecimal) r[1], (BigDecimal) r[2], ((Number) r[3]).longValue()));
        }
        return out;
    }

    /** The effective target of the organisation with this path: its own, the nearest ancestor's, or the default. */
    public static Effective effective(Map<Long, Stored> stored, String path) {
        long[] ids = GradingComputation.pathIds(path);
        for (int i = ids.length - 1; i >= 0; i--) {
            Stored s = stored.get(ids[i]);
            if (s != null) {
                return new Effective(s.minGood(), s.maxPoor(), i == ids.length - 1 ? Source.OWN : Source.INHERITED, ids[i],
                        i == ids.length - 1 ? s.revision() : null);
            }
        }
        return new Effective(DEFAULT_MIN_GOOD, DEFAULT_MAX_POOR, Source.DEFAULT, null, null);
    }

    /** Whether the caller may set the target of this jurisdiction (it is in their scope). */
    public boolean mayEdit(Organization o) {
        if (!caller.jurisdiction().covers(o)) {
            return false;
        }
        return switch (o.level) {
            case CITY, COUNTY -> caller.has(Roles.CITY_ADMIN);
            case TOWNSHIP -> caller.has(Roles.COUNTY_ADMIN);
            default -> false;
        };
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TargetList list(Jurisdiction scope, int year, Long under) {
        String prefix = scope.subtree(under);
        Map<Long, Stored> stored = stored(year);
        List<Organization> orgs = Organization.list("path like ?1 and level in ?2 order by divisionCode, id", prefix + "%",
                List.of(Organization.Level.CITY, Organization.Level.COUNTY, Organization.Level.TOWNSHIP));
        Map<Long, Organization> byId = new HashMap<>();
        orgs.forEach(o -> byId.put(o.id, o));
        List<Target> items = new ArrayList<>();
        for (Organization o : orgs) {
            items.add(view(o, year, effective(stored, o.path), byId));
        }
        return new TargetList(year, items);
    }

    Target view(Organization o, int year, Effective e, Map<Long, Organization> known) {
        OrganizationRef from = null;
        if (e.fromId() != null) {
            Organization f = known.get(e.fromId());
            if (f == null) {
                f = Organization.findById(e.fromId());
            }
            from = OrganizationRef.of(f);
        }
        return new Target(OrganizationRef.of(o), year, GradingService.percent(e.minGood()), GradingService.percent(e.maxPoor()),
                e.source().name(), from, e.revision(), mayEdit(o));
    }

    public record Written(Target target, long revision) {}

    public Written put(long organizationId, int year, String ifMatch, TargetInput input) {
        Organization o = Organization.findById(organizationId);
        if (o == null || !caller.jurisdiction().covers(o) || o.level == Organization.Level.VILLAGE) {
            throw ProblemException.notFound("组织 " + organizationId + " 不是您管辖范围内的市、县或乡镇 / Organisation " + organizationId
                    + " is not a city, county or township in your jurisdiction");
        }
        if (!mayEdit(o)) {
            throw ProblemException.forbidden("市委组织部设定市和县的目标, 县委组织部设定乡镇的目标 / City admins set the targets of the city and its counties, "
                    + "county admins those of their townships");
        }
        BigDecimal minGood = new BigDecimal(input.minGoodShare());
        BigDecimal maxPoor = new BigDecimal(input.maxPoorShare());
        List<bastion.common.Problem.FieldError> errors = new ArrayList<>();
        if (minGood.compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.add(new bastion.common.Problem.FieldError("minGoodShare", "必须在 0 到 100 之间 / must be between 0 and 100"));
        }
        if (maxPoor.compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.add(new bastion.common.Problem.FieldError("maxPoorShare", "必须在 0 到 100 之间 / must be between 0 and 100"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:key)").setParameter("key", 9_000_000_000L + o.id * 10_000L + year).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> existing = em.createNativeQuery("SELECT min_good_share, max_poor_share, revision FROM grading_target WHERE organization_id = :o AND year = :y FOR UPDATE")
                .setParameter("o", o.id).setParameter("y", year).getResultList();
        long revision;
        if (existing.isEmpty()) {
            if (ifMatch != null && !ifMatch.isBlank()) {
                throw ProblemException.stale(view(o, year, effective(stored(year), o.path), Map.of()));
            }
            em.createNativeQuery("""
                    INSERT INTO grading_target (organization_id, year, county_code, min_good_share, max_poor_share, revision, updated_by)
                    VALUES (:o, :y, :county, :min, :max, 1, :by)""")
                    .setParameter("o", o.id).setParameter("y", year).setParameter("county", o.countyCode).setParameter("min", minGood)
                    .setParameter("max", maxPoor).setParameter("by", caller.username()).executeUpdate();
            revision = 1;
        } else {
            long expected = bastion.common.Revisions.ifMatch(ifMatch);
            long current = ((Number) existing.getFirst()[2]).longValue();
            if (expected != current) {
                throw ProblemException.stale(view(o, year, effective(stored(year), o.path), Map.of()));
            }
            revision = current + 1;
            em.createNativeQuery("""
                    UPDATE grading_target SET min_good_share = :min, max_poor_share = :max, revision = :rev, updated_by = :by, updated_at = now()
                    WHERE organization_id = :o AND year = :y""")
                    .setParameter("o", o.id).setParameter("y", year).setParameter("min", minGood).setParameter("max", maxPoor)
                    .setParameter("rev", revision).setParameter("by", caller.username()).executeUpdate();
        }
        audit.record(caller.username(), "GRADING_TARGET_SET", o.countyCode, null, o.id, null, null,
                "{\"year\":" + year + ",\"minGoodShare\":\"" + minGood.toPlainString() + "\",\"maxPoorShare\":\"" + maxPoor.toPlainString()
                        + "\",\"revision\":" + revision + "}");
        return new Written(view(o, year, new Effective(minGood, maxPoor, Source.OWN, o.id, revision), Map.of(o.id, o)), revision);
    }
}
