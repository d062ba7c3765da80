from django.urls import path

from awards.views import council, decisions, history, inspections, proposals, records, review

app_name = "awards"
urlpatterns = [
    path("initiatives/", records.InitiativeListView.as_view(), name="initiative_list"),
    path("initiatives/new/", records.InitiativeFormView.as_view(), name="initiative_create"),
    path("initiatives/<int:pk>/", records.InitiativeDetailView.as_view(), name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", records.InitiativeFormView.as_view(), name="initiative_update"),
    path("conduct/", records.ConductListView.as_view(), name="conduct_list"),
    path("staff/<int:staff>/conduct/new/", records.ConductFormView.as_view(), name="conduct_create"),
    path("conduct/<int:pk>/edit/", records.ConductFormView.as_view(), name="conduct_update"),
    path("conduct/<int:pk>/delete/", records.ConductDeleteView.as_view(), name="conduct_delete"),
    # Proposals (units)
    path("plans/<int:plan>/proposals/", proposals.ProposalListView.as_view(), name="proposal_list"),
    path("plans/<int:plan>/proposals/new/", proposals.ProposalCreateView.as_view(), name="proposal_create"),
    path("proposals/<int:pk>/", proposals.ProposalDetailView.as_view(), name="proposal_detail"),
    path("proposals/<int:pk>/lines/new/", proposals.LineFormView.as_view(), name="line_create"),
    path("proposals/<int:pk>/submit/", proposals.ProposalSubmitView.as_view(), name="proposal_submit"),
    path("proposal-lines/<int:pk>/", proposals.LineDetailView.as_view(), name="line_detail"),
    path("proposal-lines/<int:line>/edit/", proposals.LineFormView.as_view(), name="line_update"),
    path("proposal-lines/<int:pk>/delete/", proposals.LineDeleteView.as_view(), name="line_delete"),
    # Review (secretariat)
    path("plans/<int:plan>/review/", review.ReviewListView.as_view(), name="review"),
    path("plans/<int:plan>/review/to-council/", review.ReviewToCouncilView.as_view(), name="review_to_council"),
    path("proposal-lines/<int:pk>/review/", review.LineReviewView.as_view(), name="line_review"),
    path("proposal-lines/<int:pk>/endorsement/", review.EndorsementView.as_view(), name="line_endorsement"),
    # Council
    path("plans/<int:plan>/meetings/", council.MeetingListView.as_view(), name="meeting_list"),
    path("plans/<int:plan>/meetings/new/", council.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", council.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/agenda/", council.AgendaAddView.as_view(), name="agenda_add"),
    path("meetings/<int:pk>/close/", council.MeetingCloseView.as_view(), name="meeting_close"),
    path("meetings/<int:pk>/close/confirm/", council.MeetingCloseConfirmView.as_view(), name="meeting_close_confirm"),
    path("meetings/<int:pk>/tally/", council.GroupTallyView.as_view(), name="tally_group"),
    path("agenda/<int:pk>/tally/", council.TallyView.as_view(), name="tally"),
    # Decisions and history
    path("plans/<int:plan>/decisions/", decisions.DecisionListView.as_view(), name="decision_list"),
    path("plans/<int:plan>/decisions/new/", decisions.DecisionCreateView.as_view(), name="decision_create"),
    path("decisions/<int:pk>/", decisions.DecisionDetailView.as_view(), name="decision_detail"),
    path("decisions/<int:pk>/issue/", decisions.DecisionIssueView.as_view(), name="decision_issue"),
    path("history/import/", history.AwardImportView.as_view(), name="award_import"),
    path("award-history.xlsx", history.AwardHistoryExportView.as_view(), name="history_export"),
    path("award-history/people/<int:pk>/", history.PersonHistoryView.as_view(), name="person"),
    path("honour-roll/", history.HonourRollView.as_view(), name="honour_roll"),
    path("plans/<int:plan>/review.xlsx", review.ReviewExportView.as_view(), name="review_export"),
    path("decisions/<int:pk>/list.xlsx", decisions.DecisionExportView.as_view(), name="decision_export"),
    path("award-history/", history.AwardHistoryView.as_view(), name="history"),
    path("award-records/<int:pk>/revoke/", history.AwardRevokeView.as_view(), name="award_revoke"),
    # The council's inspections
    path("plans/<int:plan>/inspections/", inspections.InspectionListView.as_view(), name="inspection_list"),
    path(
        "plans/<int:plan>/inspections/plan/",
        inspections.InspectionPlanCreateView.as_view(),
        name="inspection_plan_create",
    ),
    path("plans/<int:plan>/inspections/new/", inspections.InspectionCreateView.as_view(), name="inspection_create"),
    path("inspections/<int:pk>/", inspections.InspectionDetailView.as_view(), name="inspection_detail"),
    path("inspections/<int:pk>/record/", inspections.InspectionRecordView.as_view(), name="inspection_record"),
    path("inspections/<int:pk>/findings/new/", inspections.FindingCreateView.as_view(), name="finding_create"),
    path("inspections/<int:pk>/issue/", inspections.InspectionIssueView.as_view(), name="inspection_issue"),
    path("findings/<int:pk>/answer/", inspections.FindingAnswerView.as_view(), name="finding_answer"),
    path("findings/<int:pk>/review/", inspections.FindingReviewView.as_view(), name="finding_review"),
]
