package workbench

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"

	"petitiond/cases"
	"petitiond/staff"
)

// Who may use each route, written out here independently of the code. A
// route the router has and this table lacks fails the test, so a new route
// cannot ship without a decision about who may use it.
var (
	public     = []string{"anonymous", "token", "revoked_token", "handler", "dept_admin", "oversight", "caller", "admin", "other_handler"}
	signedIn   = []string{"handler", "dept_admin", "oversight", "caller", "admin", "other_handler"}
	caseReader = []string{"handler", "dept_admin", "oversight", "admin", "other_handler"}
	handlers   = []string{"handler", "dept_admin", "other_handler"}
	overseers  = []string{"oversight"}
	tokenOnly  = []string{"token"}
)

var routeAccess = map[string][]string{
	"GET /workbench/static/:file": public,
	"GET /workbench/login":        public,
	"POST /workbench/login":       public,
	"GET /workbench":              signedIn,
	"GET /workbench/password":     signedIn,
	"POST /workbench/password":    signedIn,
	"POST /workbench/logout":      signedIn,

	"GET /workbench/cases":                        caseReader,
	"GET /workbench/cases.csv":                    caseReader,
	"GET /workbench/cases/:id":                    caseReader,
	"GET /workbench/cases/:id/attachments/:n":     caseReader,
	"POST /workbench/cases/:id/reveal":            {"handler", "dept_admin", "oversight", "other_handler"},
	"POST /workbench/cases/:id/accept":            handlers,
	"POST /workbench/cases/:id/return":            handlers,
	"POST /workbench/cases/:id/extension":         handlers,
	"POST /workbench/cases/:id/reply":             handlers,
	"POST /workbench/cases/:id/close":             handlers,
	"POST /workbench/cases/:id/dispatch":          overseers,
	"POST /workbench/cases/:id/extension/grant":   overseers,
	"POST /workbench/cases/:id/extension/refuse":  overseers,
	"POST /workbench/cases/:id/reopen":            overseers,
	"POST /workbench/cases/:id/oversee":           overseers,
	"GET /workbench/oversight":                    overseers,
	"GET /workbench/dashboard":                    {"dept_admin", "oversight", "admin"},
	"GET /workbench/calls":                        {"caller"},
	"GET /workbench/calls.csv":                    {"caller"},
	"GET /workbench/calls/:id":                    {"caller"},
	"POST /workbench/calls/:id/reveal":            {"caller"},
	"POST /workbench/calls/:id/outcome":           {"caller"},
	"GET /workbench/accounts":                     {"admin"},
	"POST /workbench/accounts":                    {"admin"},
	"POST /workbench/accounts/:username/disable":  {"admin"},
	"POST /workbench/accounts/:username/enable":   {"admin"},
	"POST /workbench/accounts/:username/password": {"admin"},
	"GET /workbench/tokens":                       {"dept_admin", "admin"},
	"POST /workbench/tokens":                      {"dept_admin", "admin"},
	"POST /workbench/tokens/:id/revoke":           {"dept_admin", "admin"},
	"GET /workbench/audit":                        {"admin"},
	"GET /workbench/audit.csv":                    {"admin"},
	"GET /api/v1/staff/cases":                     tokenOnly,
	"GET /api/v1/staff/cases/:id":                 tokenOnly,
	"POST /api/v1/staff/cases/:id/reveal":         tokenOnly,
	"POST /api/v1/staff/cases/:id/accept":         tokenOnly,
	"POST /api/v1/staff/cases/:id/return":         tokenOnly,
	"POST /api/v1/staff/cases/:id/extension":      tokenOnly,
	"POST /api/v1/staff/cases/:id/reply":          tokenOnly,
	"POST /api/v1/staff/cases/:id/close":          tokenOnly,
}

// caseScoped routes answer 404 to a principal whose scope lacks the case.
func caseScoped(path string) bool { return strings.Contains(path, "/cases/:id") }

func TestEveryRouteEveryRole(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	principals := map[string]staff.Principal{
		"handler":       e.account("h-market", staff.RoleHandler, "market"),
		"dept_admin":    e.account("da-market", staff.RoleDeptAdmin, "market"),
		"oversight":     e.account("ov", staff.RoleOversight, ""),
		"caller":        e.account("caller", staff.RoleCaller, "call_centre"),
		"admin":         e.account("root", staff.RoleAdmin, ""),
		"other_handler": e.account("h-env", staff.RoleHandler, "environment"),
	}
	e.account("someone", staff.RoleHandler, "market")
	c := e.submit("超市卖过期食品", "market", e.withPhoto)
	task, err := e.calls.Create(ctx, cases.CallTask{Kind: cases.CallFollowUp, CaseID: c.ID, Phone: "13900001111"})
	if err != nil {
		t.Fatal(err)
	}
	_, secret, err := e.accounts.IssueToken(ctx, staff.System, "market", "erp", "")
	if err != nil {
		t.Fatal(err)
	}
	spare, _, err := e.accounts.IssueToken(ctx, staff.System, "market", "spare", "") // the revoke route's target
	if err != nil {
		t.Fatal(err)
	}
	_, revoked, _ := e.accounts.IssueToken(ctx, staff.System, "market", "old", "")
	old, _ := e.accounts.Tokens(ctx, staff.System)
	for _, x := range old {
		if x.Name == "old" {
			e.accounts.RevokeToken(ctx, staff.System, x.ID, "")
		}
	}

	// The table and the router agree.
	var routes []string
	seen := map[string]bool{}
	for _, r := range e.app.GetRoutes(true) {
		key := r.Method + " " + r.Path
		if r.Method == "HEAD" || r.Path == "/workbench/*" || seen[key] ||
			!(strings.HasPrefix(r.Path, UIPrefix) || strings.HasPrefix(r.Path, APIPrefix)) {
			continue
		}
		seen[key] = true
		if _, ok := routeAccess[key]; !ok {
			t.Errorf("route %s has no row in routeAccess: decide who may use it", key)
		}
		routes = append(routes, key)
	}
	for key := range routeAccess {
		if !seen[key] {
			t.Errorf("routeAccess lists %s, which the router does not have", key)
		}
	}
	// Signing out ends the session: walk it last.
	sort.SliceStable(routes, func(i, j int) bool {
		return !strings.Contains(routes[i], "logout") && strings.Contains(routes[j], "logout")
	})

	clients := map[string]*client{"anonymous": e.client(), "token": e.client(), "revoked_token": e.client()}
	for name, p := range principals {
		clients[name] = e.client().mustLogin(p.Username)
	}
	params := strings.NewReplacer(":id/revoke", strconv.FormatInt(spare.ID, 10)+"/revoke", ":file", "style.css", ":username", "someone", ":n", "0")
	for _, key := range routes {
		method, pattern, _ := strings.Cut(key, " ")
		path := params.Replace(pattern)
		if strings.HasPrefix(pattern, "/workbench/calls/:id") {
			path = strings.Replace(pattern, ":id", task.ID, 1)
		}
		target := c.ID
		if method == "POST" && strings.Contains(pattern, "/cases/:id/") {
			target = "" // each role acts on a case of its own: an action moves the case on
		}
		allowed := map[string]bool{}
		for _, who := range routeAccess[key] {
			allowed[who] = true
		}
		for who, cl := range clients {
			path := path
			if target == "" {
				path = strings.Replace(path, ":id", e.submit("超市卖过期食品 "+who, "market").ID, 1)
			} else {
				path = strings.Replace(path, ":id", target, 1)
			}
			isAPI := strings.HasPrefix(pattern, APIPrefix)
			var status int
			var loc string
			switch {
			case isAPI:
				token := map[string]string{"token": secret, "revoked_token": revoked}[who]
				body := `{"reason":"x","text":"x","result":"x","days":1,"field":"phone"}`
				if method == "GET" {
					body = ""
				}
				resp, _ := cl.json(token, method, path, body)
				status, loc = resp.StatusCode, resp.Header.Get("Location")
			case method == "GET":
				status, loc, _ = cl.get(path)
			default:
				status, loc, _ = cl.post(path, "note", "测试", "unit", "market", "days", "1", "field", "phone", "name", "x",
					"username", "new-"+strconv.Itoa(len(who)), "role", "handler", "outcome", "no_answer", "current", "wrong")
			}
			toLogin := status == http.StatusSeeOther && strings.HasPrefix(loc, "/workbench/login")
			signedOut := who == "anonymous" || who == "token" || who == "revoked_token" // no session cookie
			switch {
			case status >= 500:
				t.Errorf("%s as %s: %d", key, who, status)
			case key == "POST /workbench/login":
				// Public; refusing these made-up credentials is its answer.
			case allowed[who] && who == "other_handler" && caseScoped(pattern):
				if status != http.StatusNotFound {
					t.Errorf("%s as %s (another unit's case): %d, want 404", key, who, status)
				}
			case allowed[who]:
				if status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound ||
					(toLogin && pattern != "/workbench/login" && pattern != "/workbench/logout") {
					t.Errorf("%s as %s: denied (%d %s), want allowed", key, who, status, loc)
				}
			case isAPI:
				if status != http.StatusUnauthorized {
					t.Errorf("%s as %s: %d, want 401 (the staff API takes unit tokens only)", key, who, status)
				}
			case signedOut:
				if !toLogin {
					t.Errorf("%s as %s: %d %s, want a redirect to sign-in", key, who, status, loc)
				}
			default:
				if status != http.StatusForbidden {
					t.Errorf("%s as %s: %d %s, want 403", key, who, status, loc)
				}
			}
		}
	}
}
