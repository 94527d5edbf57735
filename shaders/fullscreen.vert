#version 450 core
// One triangle that covers the viewport, from gl_VertexID alone (no vertex
// buffer): post-processing passes run their fragment shader once per pixel.
void main()
{
    vec2 p = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
    gl_Position = vec4(p, 0.0, 1.0);
}
