import { NotFound } from '../components/home/NotFound';

export default function PageNotFound() {
  return <NotFound />;
}
