"""Every clause key: a positive, a weak and a negative case, in wording written for these tests.

Each case is a one-article document; the evidence must be the article text after 第一条　,
exactly (offsets and quote), and an absent clause must carry no evidence and an explanation.
"""

import pytest

from extractors.clauses import extract_clauses
from intake import parse_bytes
from models import PageStatus
from models.clauses import CLAUSE_KEYS
from models.extraction import ClauseFinding

HEAD = "测试产业技术创新联盟协议书\n第一条　"
P, W, A = "present", "weak", "absent"

CASES: list[tuple[str, str, str]] = [
    ("innovation_goal", P, "本联盟的技术创新目标为：三年内开发新型节能电机5款，电机效率提升至96%以上。"),
    ("innovation_goal", P, "到2030年底，联盟将在光伏组件回收、硅料提纯再利用和银浆低耗化三个方向上集中力量，攻克高效拆解、低温分离与再生硅料检测等共性关键技术6项以上。"),
    ("innovation_goal", W, "本联盟的总体目标是成为行业一流的创新联合体。"),
    ("innovation_goal", A, "本联盟的宗旨是促进产学研结合，服务产业发展。"),
    ("long_term_goals", P, "联盟建设分三个阶段：\n（一）2025年：组建联合实验室；\n（二）2026年：完成样机试制；\n（三）2027年以后：推进产业化应用。"),
    ("long_term_goals", W, "联盟的中长期发展规划待运行一年后另行研究制定。"),
    ("long_term_goals", A, "本协议有效期为三年。"),
    ("task_division", P, "成员单位分工如下：\n1.甲光电科技有限公司负责整机设计与系统集成；\n2.乙理工大学负责核心算法研究；\n3.丙检测研究院负责检测认证。"),
    ("task_division", W, "各成员单位的具体分工，由理事会在年度计划中另行确定。"),
    ("task_division", A, "联盟的主要任务是开展共性技术攻关，成员单位应当完成联盟分配的任务。"),
    ("task_division", W, "牵头单位与其他成员单位的任务分工，详见本协议附件3《分工一览表》。"),
    ("task_division", A, "工作任务：\n1.组织成员单位开展关键装备联合攻关；\n2.组织成员单位参与行业标准制定。"),
    ("task_division", A, "联盟由哪一成员单位对外承担法律责任，待理事会研究后另行明确。"),
    ("member_rights_duties", P, "联盟成员享有下列权利：参与联盟决策，使用联盟资源。联盟成员应履行下列义务：遵守本协议，按时缴纳会费。"),
    ("member_rights_duties", W, "成员单位的权利与义务按照联盟章程执行。"),
    ("member_rights_duties", A, "成员单位有权优先获得联盟研发成果。"),
    ("legal_rep_signature", P, "本协议经各成员单位法定代表人签字并加盖公章后生效。"),
    ("legal_rep_signature", W, "本协议自各方代表签字之日起生效。"),
    ("legal_rep_signature", A, "本协议自联盟成立大会审议通过之日起生效。"),
    ("org_structure", P, "联盟设理事会、专家咨询委员会和秘书处，理事会为决策机构，专家咨询委员会为咨询机构，秘书处为执行机构。"),
    ("org_structure", W, "联盟的组织机构由联盟章程另行规定。"),
    ("org_structure", A, "联盟成员由企业、高校和科研院所组成。"),
    ("decision_mechanism", P, "理事会会议每年召开两次，决议须经全体理事过半数同意方为有效。"),
    ("decision_mechanism", W, "联盟的重要事项由各成员协商决定。"),
    ("decision_mechanism", A, "新成员加入须经理事会三分之二以上理事同意。"),
    ("council", P, "理事会由理事长单位和理事单位组成，理事长由甲光电科技有限公司法定代表人担任。"),
    ("council", W, "联盟设理事会，作为联盟的决策机构。"),
    ("council", A, "成员单位应执行联盟决议。"),
    ("expert_committee", P, "联盟设立技术专家委员会，负责技术路线论证和项目评审。"),
    ("expert_committee", W, "联盟在必要时邀请行业专家提供咨询意见。"),
    ("expert_committee", A, "发生纠纷的，可以请有关专家调解。"),
    ("secretariat", P, "联盟秘书处设在乙理工大学，负责日常联络和档案管理。"),
    ("secretariat", W, "联盟另设办公室。"),
    ("secretariat", A, "成员单位应及时向理事会报送材料。"),
    ("dedicated_staff", P, "秘书处配备两名专职工作人员。"),
    ("dedicated_staff", W, "秘书处的工作人员由成员单位人员兼任。"),
    ("dedicated_staff", A, "理事会成员不领取报酬。"),
    ("external_liability", P, "联盟对外承担法律责任的主体为甲光电科技有限公司。"),
    ("external_liability", W, "联盟对外责任的承担主体，由理事会另行确定。"),
    ("external_liability", A, "联盟不具有独立法人资格。"),
    ("external_liability", P, "牵头单位是联盟对外承担责任的主体，联盟对外签订的合同由牵头单位负责履行。"),
    ("external_liability", W, "联盟以哪一家成员单位的名义对外承担法律责任，待理事会讨论后另行确定。"),
    ("fund_raising", P, "联盟经费来源包括：成员单位缴纳的会费、政府资助和社会捐赠。"),
    ("fund_raising", W, "联盟经费通过多渠道筹集。"),
    ("fund_raising", A, "联盟经费应专款专用。"),
    ("fund_management", P, "联盟经费由秘书处设立专账管理，专款专用。"),
    ("fund_management", W, "联盟经费管理的具体办法由理事会另行制定。"),
    ("fund_management", A, "联盟经费来源于会费和政府资助。"),
    ("fund_management", W, "联盟的运行经费交由牵头单位代为托管，依照国家相关规定管理。"),
    ("fund_supervision", P, "理事会每年指定两家成员单位对联盟经费收支进行审核，审核结果向全体成员通报。"),
    ("external_liability", P, "本联盟为社会团体法人，以其全部财产对外独立承担民事责任。"),
    ("fund_raising", A, "设备运输费用由卖方承担。"),
    ("benefit_distribution", P, "成果转化所得扣除直接成本后，余额按五比三比二划分给完成方、实施方和联盟基金。"),
    ("benefit_distribution", W, "知识产权与收益分配按联盟协议第四章约定执行。"),
    ("in_province_licensing", P, "联盟承担省级科技项目形成的专利，将依照规定向省内其他单位许可实施。"),
    ("open_membership", P, "经理事会全体理事同意，联盟可以吸收新成员。"),
    ("open_membership", A, "本单位承诺申请表所填内容真实有效。"),
    ("innovation_org_form", P, "联盟实行课题制，每个课题确定一家牵头单位。"),
    ("innovation_org_form", P, "成员之间可以采取共建实验室、联合申报项目和技术入股等形式，由参与方另签合同。"),
    ("diffusion_obligation", A, "联盟以服务本市食品产业为宗旨，促进适用技术向中小企业扩散。"),
    ("legal_rep_signature", A, "联盟协议已于2025年3月1日经全体成员单位法定代表人签署。"),
    ("member_signature", A, "联盟协议已于2025年3月1日经全体成员单位法定代表人签署。"),
    ("fund_management", P, "联盟经费由牵头单位代管，在其财务部门单独核算。"),
    ("fund_supervision", P, "联盟每年委托会计师事务所对经费收支进行审计，并向全体成员通报。"),
    ("fund_supervision", W, "联盟经费使用情况接受成员单位监督。"),
    ("fund_supervision", A, "联盟接受省科技厅的业务指导和监督。"),
    ("fund_supervision", P, "理事会指定两名财务人员组成经费监督小组，每季度核查一次经费账目并书面报告。"),
    ("management_rules", P, "联盟建立项目管理、经费管理和保密管理等制度。"),
    ("management_rules", W, "联盟各项管理制度另行制定。"),
    ("management_rules", A, "联盟经费管理办法另行制定。"),
    ("ip_ownership", P, "联盟项目产生的知识产权归完成单位所有；多方合作完成的，由合作各方共有。"),
    ("ip_ownership", W, "联盟研发成果的知识产权归属由当事各方另行约定。"),
    ("ip_ownership", A, "联盟致力于形成一批自主知识产权。"),
    ("ip_licensing", P, "成员单位许可联盟以外单位实施共有专利的，须经全体共有人一致同意。"),
    ("ip_licensing", W, "知识产权的许可事宜按国家有关规定执行。"),
    ("ip_licensing", A, "成员单位应当尊重他人的知识产权。"),
    ("benefit_distribution", P, "成果转化净收益按各方研发投入比例分配。"),
    ("benefit_distribution", W, "联盟成果转化收益的分配按照国家有关规定执行。"),
    ("benefit_distribution", A, "联盟积极推动科技成果转化，联盟经费不得在成员单位之间分配。"),
    ("benefit_distribution", A, "成员单位开展合作应当遵守国家有关法律法规和产业政策，不得损害国家利益和社会公共利益。"),
    ("result_sharing", P, "联盟项目形成的实验数据在成员单位之间共享使用。"),
    ("result_sharing", P, "联盟项目积累的配方数据和检测报告，统一存入联盟资料库，供各成员单位无偿查阅。"),
    ("result_sharing", W, "联盟鼓励成员单位共享技术成果。"),
    ("result_sharing", A, "各方坚持资源共享、优势互补。"),
    ("result_sharing", P, "成员单位利用联盟检测平台取得的试验数据，可以在联盟内部无偿交流使用。"),
    ("innovation_org_form", P, "联盟以项目为纽带组织成员开展联合研发。"),
    ("innovation_org_form", W, "联盟技术创新的组织方式由理事会另行确定。"),
    ("innovation_org_form", A, "联盟的主要任务是组织开展关键技术联合攻关。"),
    ("breach_liability", P, "任何一方违反本协议的，应当赔偿由此给其他成员造成的损失。"),
    ("breach_liability", W, "违约责任由各方另行协商。"),
    ("breach_liability", A, "成员单位应当遵守本协议。"),
    ("open_membership", P, "申请加入联盟的单位应提交书面申请，经理事会审议通过后成为联盟成员。"),
    ("open_membership", W, "联盟可视需要吸收新成员。"),
    ("open_membership", A, "理事会负责决定新成员的加入。"),
    ("member_exit", P, "成员单位可以自愿退出联盟，但应提前三十日书面通知秘书处。"),
    ("member_exit", W, "成员退出事宜由理事会决定。"),
    ("member_exit", A, "联盟成员包括企业和高校。"),
    ("diffusion_obligation", P, "利用财政资金形成的成果，联盟有义务向联盟以外的单位推广应用。"),
    ("diffusion_obligation", W, "联盟将积极推动技术成果的推广应用。"),
    ("diffusion_obligation", A, "联盟积极推动科技成果转化和产业化。"),
    ("diffusion_obligation", P, "省级专项资助形成的成果，应在结题验收后六个月内纳入联盟成果库并面向社会公开发布；对联盟以外需要的单位，按合理条件许可其实施。"),
    ("diffusion_obligation", W, "经理事会同意，联盟可以将成员承担科技计划项目取得的成果向联盟外企业推广。"),
    ("diffusion_obligation", A, "对共有的专利，各共有方均可自行实施，向联盟外许可须经全体共有方同意。"),
    ("in_province_licensing", P, "联盟承担省级科技项目形成的专利，有向省内其他单位许可实施的义务。"),
    ("in_province_licensing", W, "联盟成果可以向省内企业许可实施。"),
    ("in_province_licensing", A, "联盟成员主要分布在省内各地市。"),
    ("ip_on_dissolution_or_exit", P, "成员单位退出联盟时，其与其他成员共有的知识产权仍由各方按原份额共有。"),
    ("ip_on_dissolution_or_exit", W, "联盟解散后知识产权的处理另行协商。"),
    ("ip_on_dissolution_or_exit", A, "成员单位退出联盟应书面通知理事会。"),
    ("dissolution", P, "联盟解散时，应成立清算组清理债权债务。"),
    ("dissolution", W, "联盟的解散按照有关规定办理。"),
    ("dissolution", A, "本协议有效期满后可以续签。"),
    ("confidentiality", P, "各方对合作中知悉的技术秘密负有保密义务，不得向第三方披露。"),
    ("confidentiality", W, "成员单位应遵守国家保密规定。"),
    ("confidentiality", A, "联盟应当加强知识产权保护。"),
    ("dispute_resolution", P, "因本协议发生的争议，协商不成的，提交仲裁委员会仲裁。"),
    ("dispute_resolution", W, "执行本协议发生争议的，由各方协商解决。"),
    ("dispute_resolution", A, "各方应当友好合作。"),
    # wordings of the round-6 documents' kind (written anew here): sharing as opening a platform,
    # organisation form named as the main form or as a process, staged plans with months
    ("result_sharing", P, "联盟共建的中试平台向全体成员单位开放，成员单位可以按成本价使用平台设备和检测数据。"),
    ("result_sharing", P, "成员单位均可无偿查阅联盟项目形成的研究报告和试验数据。"),
    ("innovation_org_form", P, "联盟以共建联合实验室为主要组织形式，重大课题由理事会指定一家成员单位牵头实施。"),
    ("innovation_org_form", P, "联盟按照“企业出题、院校解题、联合验收”的模式组织技术攻关。"),
    ("innovation_org_form", P, "联盟推行首席专家负责制组织重大攻关，每个攻关方向由一名首席专家统筹立项、组队和验收。"),
    ("innovation_org_form", A, "共有专利对外许可须经各共有人同意，但任一共有人可以采用普通许可方式自行实施该项目成果。"),
    ("long_term_goals", P, "联盟分两步推进：\n（一）2025年3月至2026年2月：完成平台建设；\n（二）2026年3月至2027年12月：实现示范应用。"),
    ("member_rights_duties", P, "各成员单位有权使用联盟共享资源，有义务按时报送项目进展。"),
    ("management_rules", P, "秘书处应在联盟成立后六个月内拟订项目管理和经费管理办法，报理事会审议通过后实施。"),
    ("management_rules", W, "联盟今后要逐步完善内部管理制度。"),
    ("external_liability", P, "以联盟名义对外签订的合同，由理事长单位作为签约主体并承担相应责任。"),
    ("external_liability", W, "联盟对外承担责任的主体，由理事会根据具体事项届时研究确定。"),
    ("breach_liability", W, "任何一方违反本协议约定的，应承担相应的责任。"),
    ("breach_liability", W, "成员单位违反本协议的，由理事会视情节轻重作出处理。"),
]


def finding(text: str, key: str) -> ClauseFinding:
    """The finding for ``key`` on a document made of ``text``, checked to keep its offsets."""
    doc = parse_bytes(text.encode("utf-8"), "x.txt")
    assert doc.text.rstrip("\n") == text.rstrip("\n")
    return next(f for f in extract_clauses(doc) if f.type == key)


@pytest.mark.parametrize(("key", "status", "article"), CASES, ids=[f"{k}-{s}" for k, s, _ in CASES])
def test_clause_case(key: str, status: str, article: str) -> None:
    text = HEAD + article
    result = finding(text, key)
    assert result.status.value == status, result.explanation
    assert result.explanation
    if status == A:
        assert result.evidence == []
        return
    start = len(HEAD)
    assert [(e.start, e.end, e.quote) for e in result.evidence] == [(start, start + len(article), article)]
    assert 0.0 < result.confidence <= 1.0


def test_every_key_has_three_cases() -> None:
    for key in CLAUSE_KEYS:
        if key == "member_signature":  # needs a signature page: see test_clauses_signing.py
            continue
        assert {s for k, s, _ in CASES if k == key} == {P, W, A}, key


def test_all_keys_in_order_and_explained() -> None:
    doc = parse_bytes((HEAD + "本联盟定名为测试联盟。").encode("utf-8"), "x.txt")
    findings = extract_clauses(doc)
    assert [f.type for f in findings] == list(CLAUSE_KEYS)
    assert all(f.explanation for f in findings)


def test_absence_on_unread_pages_is_flagged() -> None:
    doc = parse_bytes((HEAD + "本联盟定名为测试联盟。").encode("utf-8"), "x.txt")
    unread = [page.model_copy(update={"status": PageStatus.NEEDS_OCR}) for page in doc.pages]
    findings = extract_clauses(doc.model_copy(update={"pages": unread}))
    ownership = next(f for f in findings if f.type == "ip_ownership")
    assert ownership.status.value == A
    assert ownership.confidence == 0.0
    assert "could not be read (need OCR)" in ownership.explanation


def test_rights_and_duties_under_one_word_titles() -> None:
    text = (HEAD + "联盟名称为测试联盟。\n"
            "第二条（权利）成员单位有权使用联盟共享实验室，有权参与联盟项目申报。\n"
            "第三条（义务）成员单位应当按时缴纳会费，完成分工任务。\n")
    result = finding(text, "member_rights_duties")
    assert result.status.value == P, result.explanation
    quotes = [e.quote for e in result.evidence]
    assert any(q.startswith("成员单位有权使用联盟共享实验室") for q in quotes)
