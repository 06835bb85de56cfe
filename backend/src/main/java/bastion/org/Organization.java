package bastion.org;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A Party organisation in the tree 市 → 县 → 乡镇 → 村/社区 (DOMAIN.md §2). */
@Entity
@Table(name = "organization")
public class Organization extends PanacheEntityBase {

    public enum Level { CITY, COUNTY, TOWNSHIP, VILLAGE }

    public enum OrgType { PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH }

    public enum PlaceType { VILLAGE, COMMUNITY }

    @Id
    public Long id;

    public String code;

    public String name;

    @Column(name = "place_name")
    public String placeName;

    @Enumerated(EnumType.STRING)
    public Level level;

    @Enumerated(EnumType.STRING)
    @Column(name = "org_type")
    public OrgType orgType;

    @Enumerated(EnumType.STRING)
    @Column(name = "place_type")
    public PlaceType placeType;

    @Column(name = "parent_id")
    public Long parentId;

    /** Ids from the root down to this organisation, e.g. {@code /1/3/25/}. */
    public String path;

    public int depth;

    @Column(name = "county_code")
    public String countyCode;

    @Column(name = "division_code")
    public String divisionCode;

    public boolean graded;

    @Version
    public long version;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public static Organization findByCode(String code) {
        return find("code", code).firstResult();
    }

    /** The ids on the path from the root to this organisation, this one last. */
    public long[] pathIds() {
        String[] parts = path.substring(1, path.length() - 1).split("/");
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ids[i] = Long.parseLong(parts[i]);
        }
        return ids;
    }
}
