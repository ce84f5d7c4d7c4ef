/** The main pages of each role, for the phone layout and accessibility suites. */
export const MAIN_PAGES: { who: string | null; paths: string[] }[] = [
  { who: null, paths: ['/', '/public/tasks', '/public/tasks/1', '/public/programme', '/login', '/register', '/forgot-password', '/experts/apply'] },
  { who: 'nhakhoahoc@demo.test', paths: ['/', '/applications', '/applications/1', '/profile', '/profile/cv', '/notifications', '/my-organisation'] },
  { who: 'chutri@demo.test', paths: ['/', '/applications/host'] },
  { who: 'chuyenvien@demo.test', paths: ['/', '/calls', '/calls/1', '/calls/new', '/applications/review', '/applications/1', '/councils', '/councils/1', '/councils/1/results', '/councils/1/minutes', '/experts', '/tasks', '/contracts', '/contracts/1', '/contracts/1/acceptance', '/proposals', '/proposals/1', '/programme', '/registrations'] },
  { who: 'hoidong@demo.test', paths: ['/', '/councils'] },
  { who: 'ketoan@demo.test', paths: ['/', '/fund', '/fund/reconcile', '/payments'] },
  { who: 'giamdoc@demo.test', paths: ['/', '/payments'] },
  { who: 'lanhdao@demo.test', paths: ['/', '/programme', '/tasks'] },
  { who: 'quantri@demo.test', paths: ['/', '/admin/users', '/admin/users/1', '/admin/organisations', '/admin/rulebook', '/admin/audit', '/organisations/1', '/api'] },
];
