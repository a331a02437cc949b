import { lazy } from 'react';
import { Route } from 'react-router';

const TaskListPage = lazy(() => import('../pages/TaskListPage').then((module) => ({ default: module.TaskListPage })));
const DashboardPage = lazy(() => import('../pages/DashboardPage').then((module) => ({ default: module.DashboardPage })));
const KeyListsPage = lazy(() => import('../pages/KeyListsPage').then((module) => ({ default: module.KeyListsPage })));
const KeyListDetailPage = lazy(() => import('../pages/KeyListDetailPage').then((module) => ({ default: module.KeyListDetailPage })));
const ProjectsPage = lazy(() => import('../pages/ProjectsPage').then((module) => ({ default: module.ProjectsPage })));
const ProjectDetailPage = lazy(() => import('../pages/ProjectDetailPage').then((module) => ({ default: module.ProjectDetailPage })));
const NotificationInboxPage = lazy(() => import('../pages/NotificationInboxPage').then((module) => ({ default: module.NotificationInboxPage })));
const TaskDetailPage = lazy(() => import('../pages/TaskDetailPage').then((module) => ({ default: module.TaskDetailPage })));

/** Routes of the government workbench: tasks down the hierarchy, dashboards, key lists, projects, the message inbox: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const workbenchRoutes = (
  <>
    <Route path="dispatch" element={<TaskListPage />} />
    <Route path="dispatch/tasks/:id" element={<TaskDetailPage />} />
    <Route path="dashboard" element={<DashboardPage />} />
    <Route path="key-lists" element={<KeyListsPage />} />
    <Route path="key-lists/:id" element={<KeyListDetailPage />} />
    <Route path="projects" element={<ProjectsPage />} />
    <Route path="projects/:id" element={<ProjectDetailPage />} />
    <Route path="notifications" element={<NotificationInboxPage />} />
  </>
);
